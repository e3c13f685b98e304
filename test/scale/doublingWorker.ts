/** A pool worker for the tests: doubles a number, throws on a negative one, and stops its thread on `exit`. */
import { serveTasks } from '../../src/parallel/workerPool.ts';

serveTasks((task: { value: number; exit?: boolean }) => {
  if (task.exit) process.exit(3);
  if (task.value < 0) throw new Error(`negative: ${task.value}\nsecond line`);
  return task.value * 2;
});
