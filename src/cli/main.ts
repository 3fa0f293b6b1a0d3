/** The `grounded` command (see ./run.ts). */
import { tuneForShortRun } from './shortRun';
import { run } from './run';

export { run, type RunContext } from './run';

if (require.main === module) {
  const release = tuneForShortRun();
  run({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: (s) => process.stdout.write(s + '\n'), stderr: (s) => process.stderr.write(s + '\n'), progress: process.stderr, env: process.env, startWorkersEarly: true }).then((code) => {
    release();
    process.exitCode = code;
  });
}
