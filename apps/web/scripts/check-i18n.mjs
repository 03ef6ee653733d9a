#!/usr/bin/env node
// Fails when a .svelte file under src/ shows a hard-coded user-facing string: a text node with
// letters outside `{…}` expressions, or a literal with letters in an attribute that people read
// or hear. Every such string belongs in the message catalogues (messages/<locale>.json, compiled
// by paraglide-js). Run by `pnpm lint`. (Completeness of the catalogues is checked by
// src/lib/i18n/catalogues.spec.ts.)
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'svelte/compiler';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHECKED_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label']);
/** Names and marks that are the same in every language. */
const ALLOWED_WORDS = ['Werkraum'];
const LETTER = /\p{L}/u;

/** Whether a literal still has letters once the allowed words are taken out. */
function hasText(text) {
  let rest = text;
  for (const word of ALLOWED_WORDS) rest = rest.replaceAll(word, '');
  return LETTER.test(rest);
}

function lineOf(source, offset) {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/** All problems of one component's markup (its script and style are not visited). */
export function findHardCodedStrings(source) {
  const ast = parse(source, { modern: true });
  const problems = [];
  const report = (node, what, text) =>
    problems.push({ line: lineOf(source, node.start), what, text: text.trim().slice(0, 60) });

  const visit = (node) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (node.type === 'Text') {
      if (hasText(node.data)) report(node, 'text', node.data);
      return;
    }
    if (node.type === 'Comment') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'metadata') continue;
      if (key === 'attributes') {
        for (const attribute of value) {
          if (attribute.type !== 'Attribute') {
            visit(attribute);
            continue;
          }
          if (!CHECKED_ATTRIBUTES.has(attribute.name) || !Array.isArray(attribute.value)) continue;
          for (const part of attribute.value) {
            if (part.type === 'Text' && hasText(part.data)) {
              report(part, `attribute ${attribute.name}`, part.data);
            }
          }
        }
        continue;
      }
      visit(value);
    }
  };
  visit(ast.fragment);
  return problems;
}

async function* svelteFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* svelteFiles(path);
    else if (entry.name.endsWith('.svelte')) yield path;
  }
}

async function main() {
  let count = 0;
  for await (const file of svelteFiles(join(root, 'src'))) {
    const source = await readFile(file, 'utf8');
    for (const problem of findHardCodedStrings(source)) {
      count += 1;
      const where = `${relative(root, file)}:${problem.line}`;
      console.error(`${where}: hard-coded ${problem.what} "${problem.text}" — use the catalogue`);
    }
  }
  if (count > 0) {
    console.error(
      `\ncheck-i18n: ${count} hard-coded user-facing string(s); move them to messages/<locale>.json.`,
    );
    process.exit(1);
  }
  console.log('check-i18n: no hard-coded user-facing strings in .svelte files.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
