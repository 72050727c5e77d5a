// Preload (`node --import ./bench/cpu-time.mjs …`) of the project benchmark: at exit, writes the CPU
// time of the whole process (every thread, user and system; `process.cpuUsage()`) to the JSON file
// named by BENCH_CPU_TIME. On a shared machine CPU time varies far less than wall time, which also
// counts the time the process waited for a core.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_CPU_TIME;
process.on('exit', () => {
  if (!out) return;
  const { user, system } = process.cpuUsage();
  writeFileSync(out, JSON.stringify({ ms: (user + system) / 1000 }));
});
