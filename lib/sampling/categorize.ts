// In-process prompt categorization for the rankings page (PRODUCT.md rule 7). No network, no
// model, no third party: a keyword score over the user's text. It is deliberately coarse — it
// only has to tell a rankings page roughly what people use each model for.
export const CATEGORIES = [
  "programming",
  "writing",
  "roleplay",
  "translation",
  "marketing",
  "science",
  "health",
  "legal",
  "finance",
  "education",
  "technology",
  "trivia",
  "other",
] as const;
export type TCategory = (typeof CATEGORIES)[number];

const KEYWORDS: Record<Exclude<TCategory, "other">, string[]> = {
  programming: ["code", "function", "bug", "error", "compile", "python", "javascript", "typescript", "java", "rust", "golang", "sql", "api", "regex", "stack trace", "exception", "refactor", "unit test", "class", "variable", "npm", "git", "docker", "json", "html", "css", "react", "algorithm", "```"],
  writing: ["essay", "story", "poem", "novel", "write", "rewrite", "paragraph", "blog post", "article", "draft", "proofread", "grammar", "chapter", "letter", "outline"],
  roleplay: ["roleplay", "role-play", "pretend", "you are a", "act as", "character", "in character", "*smiles*", "scene", "persona"],
  translation: ["translate", "translation", "in french", "in spanish", "in german", "in english", "in japanese", "in chinese", "into french", "into spanish", "into english", "into german"],
  marketing: ["marketing", "seo", "ad copy", "slogan", "campaign", "brand", "landing page", "newsletter", "social media", "conversion", "audience", "tagline"],
  science: ["physics", "chemistry", "biology", "experiment", "hypothesis", "molecule", "quantum", "equation", "theorem", "astronomy", "evolution", "proof"],
  health: ["symptom", "doctor", "medicine", "diet", "exercise", "sleep", "pain", "diagnosis", "mental health", "anxiety", "nutrition", "vitamin", "disease"],
  legal: ["contract", "lawyer", "legal", "law", "clause", "liability", "court", "lawsuit", "gdpr", "copyright", "terms of service", "nda", "statute"],
  finance: ["invest", "stock", "tax", "budget", "loan", "mortgage", "crypto", "portfolio", "interest rate", "accounting", "revenue", "retirement", "inflation"],
  education: ["explain", "homework", "lesson", "teach", "student", "exam", "quiz", "learn", "course", "study", "curriculum", "tutor"],
  technology: ["computer", "laptop", "phone", "software", "hardware", "network", "linux", "windows", "server", "cloud", "router", "install", "ai model", "gpu"],
  trivia: ["who was", "what is the capital", "how many", "when did", "fun fact", "trivia", "which country", "largest", "tallest", "who invented"],
};

/** The category with the most keyword hits in the text; "other" when nothing matches. */
export function categorize(text: string): TCategory {
  const haystack = text.slice(0, 20_000).toLowerCase();
  let best: TCategory = "other";
  let bestScore = 0;
  for (const category of CATEGORIES) {
    if (category === "other") continue;
    let score = 0;
    for (const keyword of KEYWORDS[category]) {
      if (haystack.includes(keyword)) score += keyword.length > 6 ? 2 : 1;
    }
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}
