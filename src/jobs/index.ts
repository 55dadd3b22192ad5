// The jobs layer: per-portal jobs (sync → attribute → write-back), the in-process and pg-boss
// runners, and the schedule that enqueues them.

export {
  CycleError,
  CycleStopped,
  cycleHandler,
  type CycleDeps,
  type CycleOutcome,
} from './cycle.js';
export { startElectedSchedule } from './leader.js';
export type { JobLogger } from './logger.js';
export { createPgBossRunner, type PgBossRunnerOptions, type RunnerLog } from './pgboss-runner.js';
export {
  createJobRunner,
  JOB_STEPS,
  type JobContext,
  type JobHandler,
  type JobKind,
  type JobRunner,
  type Step,
} from './runner.js';
export { localHour, startSchedule, type Schedule, type ScheduleOptions } from './schedule.js';
