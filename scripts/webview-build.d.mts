import type { BuildOptions, Plugin } from 'esbuild';

export declare const COPY_CONFIG_SOURCE: string;
export declare function patchConfigCopy(source: string): string | undefined;
export declare const fastConfigCopy: Plugin;
export declare function webviewBuildOptions(outfile: string, options?: { sourcemap?: boolean }): BuildOptions;
