/** The worker thread of a parallel build: reads and analyzes the corpus files it is sent (`analyzeFile`). */
import { analyzeFile } from './analyzeFile.ts';
import { serveTasks } from './workerPool.ts';

serveTasks(analyzeFile);
