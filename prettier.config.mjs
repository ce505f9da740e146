// Formatting is Prettier's (checked by `npm run lint` and the lint stage of `npm test`); the
// Tailwind plugin sorts class lists in Tailwind's own order. `npm run format` rewrites the tree.
/** @type {import("prettier").Config} */
const config = {
  printWidth: 120,
  plugins: ["prettier-plugin-tailwindcss"],
  tailwindStylesheet: "./app/globals.css",
  tailwindFunctions: ["cn"],
};

export default config;
