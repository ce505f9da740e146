// Tailwind 4 runs as a single PostCSS plugin; it resolves `@import "tailwindcss"` itself.
const config = {
  plugins: { "@tailwindcss/postcss": {} },
};

export default config;
