// `npm run collector [-- command …]`: the statistics collector and its admin commands (see cli.ts).
import { run } from './cli';

run(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
  (result) => {
    if (typeof result === 'number') {
      process.exitCode = result;
      return;
    }
    const stop = () => {
      void result.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (e: unknown) => {
    // Not a refusal but a failure of the collector itself (database unreachable, a bug).
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 3;
  },
);
