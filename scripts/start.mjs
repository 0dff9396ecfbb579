// `npm start`: the demo shop with its sync server. Until the demo lands (issue 7) this builds what
// exists and says how to try it, rather than pretending.
import { spawnSync } from 'node:child_process';

const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log(`
Tastebud is built (dist/). The demo shop and sync server are not here yet; what exists today:
  - the learning engine:   node --input-type=module -e "import('tastebud/engine').then(m => console.log(Object.keys(m)))"
  - engine benchmark:      npm run bench:engine
  - quality benchmark:     npm run bench:quality   (UCI Online Retail replay, docs/quality.md)
`);
