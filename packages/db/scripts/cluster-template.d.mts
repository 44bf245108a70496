/** Where the prepared PGlite cluster template lives (see cluster-template.mjs). */
export function clusterTemplateFile(): string;
