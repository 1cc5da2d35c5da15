// Writes one part's cargo-mutants outcome into MUTANTS.md, between that part's markers,
// leaving the other parts and the hand-written text as they are.
//   node scripts/mutants-report.mjs PART OUTDIR COMMAND SECONDS MUTANTS.md
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [part, outDir, command, seconds, file] = process.argv.slice(2);
const lines = (name) => {
  const path = join(outDir, name);
  return existsSync(path)
    ? readFileSync(path, "utf8").split("\n").filter((l) => l.trim())
    : [];
};
const caught = lines("caught.txt");
const missed = lines("missed.txt");
const timeout = lines("timeout.txt");
const unviable = lines("unviable.txt");
// A timeout counts as caught: the mutant made the tests hang, so they noticed.
const viable = caught.length + missed.length + timeout.length;
const score = viable ? ((100 * (caught.length + timeout.length)) / viable).toFixed(1) : "n/a";
const minutes = Math.round(Number(seconds) / 60);
const date = new Date().toISOString().slice(0, 10);

const block = [
  `<!-- mutants:${part}:start -->`,
  `### ${part}`,
  "",
  `${date}, \`${command}\`, ${minutes} min.`,
  "",
  "| caught | missed | timeout | unviable | score |",
  "| --- | --- | --- | --- | --- |",
  `| ${caught.length} | ${missed.length} | ${timeout.length} | ${unviable.length} | **${score} %** |`,
  "",
  missed.length ? "Missed:" : "No mutant was missed.",
  ...missed.map((m) => `- \`${m}\``),
  `<!-- mutants:${part}:end -->`,
].join("\n");

let doc = existsSync(file) ? readFileSync(file, "utf8") : "# Mutation testing\n";
const re = new RegExp(`<!-- mutants:${part}:start -->[\\s\\S]*?<!-- mutants:${part}:end -->`);
if (re.test(doc)) {
  doc = doc.replace(re, block);
} else {
  const anchor = "<!-- mutants:parts -->";
  doc = doc.includes(anchor)
    ? doc.replace(anchor, `${block}\n\n${anchor}`)
    : `${doc.trimEnd()}\n\n${block}\n`;
}
writeFileSync(file, doc);
console.log(`${part}: ${caught.length} caught, ${missed.length} missed, ${timeout.length} timeout, ${unviable.length} unviable, score ${score} %`);
