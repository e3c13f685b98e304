import { Worker } from 'node:worker_threads';
import { READING_LIMITS } from '../readingLimits.ts';
import { UnreadableDocumentError } from './extractedDocument.ts';

/** A text item of a PDF page as PDF.js gives it: the string, whether a line ends after it, its baseline and height. */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  y: number;
  height: number;
}

/** A PDF's text items page by page, and what its information dictionary says. */
export interface PdfText {
  pages: PdfTextItem[][];
  info: { title?: unknown; author?: unknown; creationDate?: unknown };
}

type Reply = { id: number; error: string } | ({ id: number } & PdfText);

/** A request waiting for its PDF's text. */
interface Request {
  resolve: (text: PdfText) => void;
  reject: (error: Error) => void;
}

/** The worker thread that reads PDFs, and the requests sent to it. */
interface PdfThread {
  worker: Worker;
  pending: Map<number, Request>;
}

let current: PdfThread | undefined;
let nextId = 0;

/**
 * The text items of a PDF, read by PDF.js in a worker thread (see pdfWorker.mjs) so that the event loop
 * stays free. One worker serves every PDF; it holds the process open only while a PDF is being read.
 * Rejects with the reason PDF.js gives for a damaged file, and with UnreadableDocumentError for a PDF that
 * takes longer than `timeLimitMs` or more memory than `READING_LIMITS.pdfHeapMb` to read: the worker is then
 * stopped (the next PDF starts a new one), so no PDF holds the corpus up for good.
 */
export function readPdfText(bytes: Uint8Array, timeLimitMs: number = READING_LIMITS.pdfMs): Promise<PdfText> {
  const thread = pdfThread();
  const id = nextId++;
  const copy = new Uint8Array(bytes);
  return new Promise<PdfText>((resolve, reject) => {
    const timer = setTimeout(() => {
      thread.pending.delete(id);
      if (current === thread) current = undefined;
      reject(new UnreadableDocumentError(`PDF that takes longer than ${timeLimitMs / 1000} s to read (the limit for one document)`));
      void thread.worker.terminate();
    }, timeLimitMs);
    thread.pending.set(id, {
      resolve: (text) => {
        clearTimeout(timer);
        resolve(text);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    thread.worker.ref();
    thread.worker.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}

function pdfThread(): PdfThread {
  if (current) return current;
  const worker = new Worker(new URL('./pdfWorker.mjs', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: READING_LIMITS.pdfHeapMb },
  });
  const thread: PdfThread = { worker, pending: new Map() };
  worker.unref();
  worker.on('message', (reply: Reply) => {
    const request = thread.pending.get(reply.id);
    thread.pending.delete(reply.id);
    if (thread.pending.size === 0) worker.unref();
    if ('error' in reply) request?.reject(new Error(reply.error));
    else request?.resolve({ pages: reply.pages, info: reply.info });
  });
  const fail = (error: Error) => {
    if (current === thread) current = undefined;
    for (const request of thread.pending.values()) request.reject(error);
    thread.pending.clear();
  };
  worker.on('error', (error: Error & { code?: string }) =>
    fail(
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new UnreadableDocumentError(
            `PDF that needs more than ${READING_LIMITS.pdfHeapMb} MB of memory to read (the limit for one document)`,
          )
        : error,
    ),
  );
  worker.on('exit', (code) => fail(new Error(`PDF reader stopped (exit code ${code})`)));
  current = thread;
  return thread;
}
