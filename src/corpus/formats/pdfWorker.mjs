// Reads PDF text layers in a worker thread: PDF.js parses on the thread that calls it and resolves pages
// through promises alone, so on the main thread a long PDF (and PDF.js's own 2 MB of code, compiled on
// first use) would hold the bot's event loop for whole seconds. Plain JavaScript, so that Node runs it as it is.
import { parentPort } from 'node:worker_threads';
import { getDocumentProxy } from 'unpdf';

parentPort.on('message', async ({ id, bytes }) => {
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false });
    const pages = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .filter((item) => typeof item.str === 'string')
          .map((item) => ({
            str: item.str,
            hasEOL: item.hasEOL,
            y: item.transform[5] ?? 0,
            height: item.height || Math.abs(item.transform[3] ?? 0),
          })),
      );
      page.cleanup();
    }
    const metadata = await pdf.getMetadata().catch(() => null);
    const info = metadata?.info ?? {};
    parentPort.postMessage({ id, pages, info: { title: info.Title, author: info.Author, creationDate: info.CreationDate } });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error).split('\n')[0] });
  } finally {
    await pdf?.destroy();
  }
});
