// The bench page imports the kit's stylesheet; esbuild bundles it into page.css.
declare module '*.css';
