import { defineRule, fail, PASS } from './rule.ts';

/** The data request asks for one machine-learning task (e.g. classification), and the manifest declares another. */
export const taskMismatch = defineRule({
  code: 'structure.task-mismatch',
  dimension: 'structure',
  severity: 'error',
  weight: 8,
  title: 'Task differs from the request',
  evaluate: ({ manifest, requirements }) => {
    const wanted = requirements?.task;
    if (!wanted) return null;
    if (manifest.task === wanted) return PASS;
    return fail([
      {
        message: `The request asks for ${wanted} data; this data is declared as ${manifest.task}.`,
        hint: `Contribute ${wanted} data to this request, or offer this data to a request for ${manifest.task}.`,
        location: { field: 'task' },
        count: 1,
      },
    ]);
  },
});
