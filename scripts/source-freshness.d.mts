export declare const SOURCES: readonly string[];
/** Whether a source of the bundle was modified after builtFile; o.walk: the JS walk, not find(1). */
export declare function sourcesNewerThan(root: string, builtFile: string, o?: { walk?: boolean }): boolean;
