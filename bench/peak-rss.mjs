// Preloaded (`node --import ./bench/peak-rss.mjs …`) by the engine benchmark's extra run of each
// command: reports the process's peak resident set size on stderr at exit. The timed runs do
// without it.

process.on('exit', () => {
  process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
