import type { RetimeJobDto } from '@minsheng/shared';
import type { CalendarChange, RetimeJob } from '../../ports/sla-settings';
import { forgetSlaSettings, workingCalendar } from './settings';
import { reschedule, type RescheduleDeps } from './sweep';

/** Open cases read per page of the open-cases index (progress is written after each page). */
export const RETIME_PAGE = 100;
/** Cases of a page re-timed at once (each is its own conditional transaction). */
export const RETIME_CONCURRENCY = 8;
/** Runs of one job (the first and re-runs after a crash or an error) before it is marked failed. */
export const RETIME_MAX_ATTEMPTS = 3;
/** Jobs shown with the calendar (GET /api/console/admin/calendar). */
export const RETIME_JOBS_SHOWN = 5;

const FINISHED = new Set(['done', 'superseded', 'failed']);

/** The job a calendar change queues (in the change's own transaction); its id is the change's. */
export function queuedRetimeJob(change: CalendarChange): RetimeJob {
  return { id: change.id, status: 'queued', total: 0, done: 0, rescheduled: 0, queuedAt: change.at, by: change.by, byName: change.byName, summary: change.summary, attempts: 0 };
}

export const toRetimeJobDto = ({ cursor: _cursor, attempts: _attempts, ...job }: RetimeJob): RetimeJobDto => job;

export interface RetimeRunOptions {
  /** Index items per page (tests use a small one to see progress written along the way). */
  pageSize?: number;
  /** Awaited after each progress write (the benchmark counts them; tests act between pages). */
  onProgress?: (job: Pick<RetimeJob, 'done' | 'total' | 'rescheduled'>) => void | Promise<void>;
}

/**
 * Run a re-timing job: count the open cases (total), then go through the open-cases index page by
 * page, re-timing the running cases counted in working days on the calendar as it is now, and write
 * progress (done, rescheduled and the page cursor) to the job after every page; finish with `done`.
 *
 * Safe to run again (the stream delivers at least once): a finished job is left alone; a running one
 * continues from its stored cursor (re-timing a case already on the calendar writes nothing). A job
 * stops — `superseded` — at its next page once a newer calendar change has queued a job: that one
 * re-times everything on the newest calendar. After RETIME_MAX_ATTEMPTS runs that did not finish it
 * is marked `failed` with the reason.
 */
export async function runRetimeJob(deps: RescheduleDeps, id: string, options: RetimeRunOptions = {}): Promise<RetimeJob | undefined> {
  const job = await deps.slaSettings.getRetimeJob(id);
  if (!job || FINISHED.has(job.status)) return job;
  if (await supersededBy(deps, id)) return finish(deps, job, { status: 'superseded' });
  // Runs that ended without a word (Lambda's timeout, a crash) count too.
  if (job.attempts >= RETIME_MAX_ATTEMPTS) return finish(deps, job, { status: 'failed', reason: `运行 ${job.attempts} 次仍未完成` });
  const attempts = job.attempts + 1;
  const startedAt = job.startedAt ?? deps.now().toISOString();
  // A re-run after a crash keeps the total counted then; a first run counts the open cases now.
  const total = job.status === 'running' && job.total > 0 ? job.total : await deps.queues.countCases({ kind: 'open_by_due' });
  if (!(await deps.slaSettings.updateRetimeJob(id, { status: 'running', startedAt, attempts, total }, ['queued', 'running']))) return deps.slaSettings.getRetimeJob(id);
  const running: RetimeJob = { ...job, status: 'running', startedAt, attempts, total };
  try {
    return await retime(deps, running, options);
  } catch (error) {
    if (attempts < RETIME_MAX_ATTEMPTS) throw error; // the stream hands the record over again: the next run continues
    return finish(deps, running, { status: 'failed', reason: (error as Error).message || String(error) });
  }
}

async function retime(deps: RescheduleDeps, job: RetimeJob, options: RetimeRunOptions): Promise<RetimeJob | undefined> {
  // The calendar as it is now, not as this container cached it a minute ago.
  forgetSlaSettings(deps);
  const calendar = await workingCalendar(deps);
  const now = deps.now();
  const limit = options.pageSize ?? RETIME_PAGE;
  // Re-timing moves a case's entry in the index (it is sorted by due date): a case pushed past the
  // cursor is read again and re-timed as a no-op. `done` counts each case once in a run, and never
  // beyond the total counted at the start (cases filed meanwhile are timed on the new calendar already).
  const seen = new Set<string>();
  const base = job.done;
  let { rescheduled, cursor } = job;
  do {
    const page = await deps.queues.listCases({ kind: 'open_by_due' }, { limit, ...(cursor ? { cursor } : {}) });
    for (const c of page.items) seen.add(c.caseNo);
    const working = page.items.filter((c) => c.clock.dayMode === 'working');
    for (let i = 0; i < working.length; i += RETIME_CONCURRENCY) {
      const written = await Promise.all(working.slice(i, i + RETIME_CONCURRENCY).map((c) => reschedule(deps, c, now, calendar)));
      rescheduled += written.filter(Boolean).length;
    }
    cursor = page.cursor;
    const progress = { done: Math.min(base + seen.size, job.total), total: job.total, rescheduled };
    if (cursor) {
      if (await supersededBy(deps, job.id)) return finish(deps, { ...job, ...progress }, { status: 'superseded' });
      if (!(await deps.slaSettings.updateRetimeJob(job.id, { ...progress, cursor }, ['running']))) return deps.slaSettings.getRetimeJob(job.id);
      await options.onProgress?.(progress);
    } else {
      // The whole index gone through: all of the total is done.
      const finished = await finish(deps, { ...job, ...progress, done: job.total }, { status: 'done' });
      await options.onProgress?.({ ...progress, done: job.total });
      return finished;
    }
  } while (cursor);
  return job;
}

/** A newer calendar change queued its own job: this one's work is done by that one. */
async function supersededBy(deps: RescheduleDeps, id: string): Promise<boolean> {
  const [newest] = await deps.slaSettings.listRetimeJobs(1);
  return !!newest && newest.id > id;
}

async function finish(deps: RescheduleDeps, job: RetimeJob, end: Pick<RetimeJob, 'status' | 'reason'>): Promise<RetimeJob> {
  const finishedAt = deps.now().toISOString();
  const { done, total, rescheduled } = job;
  const fields = { ...end, finishedAt, done, total, rescheduled, cursor: null };
  await deps.slaSettings.updateRetimeJob(job.id, fields, ['queued', 'running']);
  const { cursor: _cursor, ...rest } = job;
  return { ...rest, ...end, finishedAt };
}
