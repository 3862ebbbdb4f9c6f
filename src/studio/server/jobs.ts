/**
 * purpose: long server work (rendering stems + mix) as jobs: an id, progress 0–1 with a label, listeners for
 * server-sent events, and result files that appear complete or not at all (the job writes into a hidden
 * staging folder renamed into place when everything is written).
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureDir } from '../../io/atomic-write.js';

export type JobState = 'running' | 'done' | 'failed';

export interface JobStatus {
  id: string;
  project: string;
  state: JobState;
  progress: number;
  label: string;
  /** Paths relative to the project folder, for GET /api/projects/:id/files/<path>. */
  files: string[];
  error?: string;
}

type Listener = (s: JobStatus) => void;

export class JobRunner {
  private readonly jobs = new Map<string, JobStatus & { listeners: Set<Listener> }>();

  get(id: string): JobStatus | undefined {
    const j = this.jobs.get(id);
    if (!j) return undefined;
    const { listeners: _l, ...status } = j;
    return status;
  }

  /** Follow a job; returns the unsubscribe function. The current status is sent at once. */
  subscribe(id: string, fn: Listener): () => void {
    const j = this.jobs.get(id);
    if (!j) return () => {};
    j.listeners.add(fn);
    fn(this.get(id)!);
    return () => j.listeners.delete(fn);
  }

  /**
   * Start `work` writing into a staging folder; on success it is renamed to `<outDir>` and the job is done.
   * `work` returns the written files relative to the staging folder.
   */
  start(project: string, projectDir: string, outRel: string, work: (stage: string, progress: (f: number, label: string) => void) => Promise<string[]>): JobStatus {
    const id = randomBytes(6).toString('hex');
    const job: JobStatus & { listeners: Set<Listener> } = { id, project, state: 'running', progress: 0, label: 'queued', files: [], listeners: new Set<Listener>() };
    this.jobs.set(id, job);
    const emit = () => { for (const l of job.listeners) l(this.get(id)!); };
    const final = join(projectDir, outRel);
    const stage = join(dirname(final), `.${id}.partial`);
    ensureDir(stage);
    const progress = (f: number, label: string) => {
      job.progress = Math.max(job.progress, Math.min(1, f));
      job.label = label;
      emit();
    };
    // Started on the next tick so the caller can answer with the job id first.
    setImmediate(() => {
      work(stage, progress)
        .then((files) => {
          rmSync(final, { recursive: true, force: true });
          renameSync(stage, final);
          job.files = files.map((f) => `${outRel}/${f}`);
          job.state = 'done';
          job.progress = 1;
          job.label = 'done';
          emit();
        })
        .catch((e: unknown) => {
          rmSync(stage, { recursive: true, force: true });
          job.state = 'failed';
          job.error = e instanceof Error ? e.message : String(e);
          job.label = 'failed';
          emit();
        });
    });
    return this.get(id)!;
  }

  /** Wait for a job to end (tests, the CLI). */
  wait(id: string): Promise<JobStatus> {
    return new Promise((resolve) => {
      const off = this.subscribe(id, (s) => {
        if (s.state !== 'running') {
          queueMicrotask(() => off());
          resolve(s);
        }
      });
    });
  }
}
