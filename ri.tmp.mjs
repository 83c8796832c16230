import { runIngest } from './dist/src/cli/ingest.js';
const t = performance.now(); const c0 = process.cpuUsage();
const log = console.log; console.log = () => {};
const code = await runIngest(['/tmp/pf/raw'], { dataDir: '/tmp/pf/ds2', keepGoing: false });
console.log = log;
const c = process.cpuUsage(c0);
console.log(code, ((performance.now() - t)/1000).toFixed(2), 's', ((c.user + c.system)/1000/20000).toFixed(3), 'ms cpu/report');
