// talisman ships no type declarations; these are the two functions linkage uses.
declare module "talisman/metrics/jaro-winkler" {
  /** Jaro-Winkler similarity, 0 (nothing alike) to 1 (identical); case sensitive. */
  const jaroWinkler: (a: string, b: string) => number;
  export = jaroWinkler;
}

declare module "talisman/phonetics/double-metaphone" {
  /** Double Metaphone: the primary and alternate codes of a word. */
  const doubleMetaphone: (word: string) => [string, string];
  export = doubleMetaphone;
}
