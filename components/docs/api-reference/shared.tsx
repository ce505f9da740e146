// What the API reference's sections share: their props and the inline-code shorthand.
import { Code } from "@/components/docs/prose";

export type TApiReferenceProps = { apiBaseUrl: string; settingsUrl: string; exampleModel: string };

export const B = (text: string) => <Code>{text}</Code>;
