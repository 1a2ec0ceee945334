// Mermaid's settings for Moat's diagrams, shared by the webview and the offline page.
// Pure data: no Mermaid import here, so the engine can name the settings without the library.

export type PageTheme = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/**
 * From this many components on, the ELK layout draws the diagram: dagre (Mermaid's default)
 * lays out nested boundaries poorly and slows down sharply on large models (bench/diagram.ts).
 */
export const ELK_FROM_NODES = 40;

/** Mermaid refuses more than 500 edges and 50 000 characters by default; Moat's own limits (DRAW_LIMITS) come first. */
export const MAX_EDGES = 5000;

export function mermaidConfig(text: string, nodes: number, theme: PageTheme) {
  const dark = theme === 'dark' || theme === 'high-contrast';
  const contrast = theme === 'high-contrast' || theme === 'high-contrast-light';
  return {
    startOnLoad: false,
    securityLevel: 'strict' as const,
    theme: contrast ? ('base' as const) : dark ? ('dark' as const) : ('default' as const),
    themeVariables: contrast
      ? {
        darkMode: dark,
        background: dark ? '#000000' : '#ffffff',
        primaryColor: dark ? '#000000' : '#ffffff',
        primaryTextColor: dark ? '#ffffff' : '#000000',
        primaryBorderColor: dark ? '#ffffff' : '#000000',
        lineColor: dark ? '#ffffff' : '#000000',
        clusterBkg: dark ? '#000000' : '#ffffff',
        clusterBorder: dark ? '#6fc3df' : '#0f4a85',
        edgeLabelBackground: dark ? '#000000' : '#ffffff',
      }
      : undefined,
    // Deliberately raised: the text of a 300-service model is ~100 KB; the page's own limit
    // (DRAW_LIMITS) decides what is too large, not Mermaid's defaults.
    maxTextSize: Math.max(50_000, text.length + 1),
    maxEdges: MAX_EDGES,
    layout: nodes >= ELK_FROM_NODES ? 'elk' : 'dagre',
    flowchart: { htmlLabels: true, curve: 'basis' as const, padding: 8 },
    elk: { mergeEdges: false, nodePlacementStrategy: 'BRANDES_KOEPF' as const },
    fontFamily: 'var(--vscode-font-family, system-ui, sans-serif)',
  };
}
