import { run } from './main';

run(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Not a problem in the pack but a failure of the tool (a disk error, a bug): distinct from exit 1.
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 3;
  },
);
