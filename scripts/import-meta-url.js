// Injected by esbuild into the CommonJS bundles: `import.meta.url` for bundled ESM dependencies.
export const __importMetaUrl = require('url').pathToFileURL(__filename).href;
