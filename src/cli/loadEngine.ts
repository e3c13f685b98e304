import { Engine } from '../engine.ts';

/** Builds the engine for a CLI run: one warning line per skipped file, progress on a terminal for big corpora. */
export async function loadEngineForCli(corpusDir: string): Promise<Engine> {
  const showProgress = process.stderr.isTTY === true;
  let lastShown = 0;
  const engine = await Engine.fromFolder(corpusDir, {
    onWarning: (warning) => process.stderr.write(`warning: ${warning.path}: ${warning.reason}\n`),
    onProgress: ({ files, totalFiles, bytes }) => {
      const now = Date.now();
      if (!showProgress || totalFiles < 200 || (now - lastShown < 200 && files < totalFiles)) return;
      lastShown = now;
      process.stderr.write(`\rreading corpus: ${files}/${totalFiles} files, ${(bytes / 1e6).toFixed(1)} MB${files === totalFiles ? '\n' : ''}`);
    },
  });
  if (engine.documents.length === 0) {
    process.stderr.write(`warning: no readable .txt or .md documents in ${corpusDir}\n`);
  }
  return engine;
}
