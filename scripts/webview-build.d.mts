import type { BuildOptions } from 'esbuild';

export declare function webviewBuildOptions(outfile: string, options?: { sourcemap?: boolean }): BuildOptions;
