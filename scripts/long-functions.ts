// Lists the functions longer than the limit (declarations, arrow functions, function
// expressions, methods, accessors) in the project's own code, and whether each states why it is
// long: a comment just above it or in its first lines containing « Long because: ». Test files
// are left out. With `--check` it exits 1
// when a long function states no reason, so a function grows past the limit only on purpose.
//
//   npx tsx scripts/long-functions.ts [--check] [--max 80] [paths…]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOTS = ['src', 'data-contracts', 'scripts', 'support'];
const SKIP_DIRS = new Set(['node_modules', 'generated', '.svelte-kit', 'build']);
const REASON = /Long because:/i;
/** How many lines, from the function's first line, may carry the reason. */
const REASON_WINDOW = 4;

export interface LongFunction {
	file: string;
	name: string;
	/** 1-based line of the function's start in the file. */
	line: number;
	lines: number;
	reason: string | null;
}

function sourceFiles(path: string): string[] {
	const stat = statSync(path, { throwIfNoEntry: false });
	if (!stat) return [];
	// Tests are left out: a suite is a list of cases, long by nature and cut by its `it`s.
	if (stat.isFile())
		return /\.(ts|js|svelte)$/.test(path) && !/\.(d|test)\.ts$/.test(path) ? [path] : [];
	return readdirSync(path)
		.filter((entry) => !SKIP_DIRS.has(entry))
		.sort()
		.flatMap((entry) => sourceFiles(join(path, entry)));
}

/** The TypeScript text of a file: a .svelte file's `<script>` blocks at their own lines. */
function scriptText(path: string, text: string): string {
	if (!path.endsWith('.svelte')) return text;
	// Everything outside <script> becomes blank lines, so line numbers stay the file's.
	let out = '';
	let last = 0;
	for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
		const start = m.index + m[1].length;
		out += text.slice(last, start).replace(/[^\n]/g, ' ');
		out += m[2];
		last = start + m[2].length;
	}
	return out + text.slice(last).replace(/[^\n]/g, ' ');
}

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
	const named = (n: ts.Node | undefined) =>
		n && 'name' in n && n.name ? (n.name as ts.Node).getText(sf) : null;
	const own = named(node);
	if (own) return own;
	const parent = node.parent;
	if (
		ts.isVariableDeclaration(parent) ||
		ts.isPropertyAssignment(parent) ||
		ts.isPropertyDeclaration(parent)
	)
		return parent.name.getText(sf);
	if (ts.isCallExpression(parent))
		return `(callback of ${parent.expression.getText(sf).slice(0, 40)})`;
	return '(anonymous)';
}

function reasonOf(node: ts.Node, sf: ts.SourceFile, lines: string[]): string | null {
	// The reason may stand just above the function (its doc comment) or in its first lines.
	const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
	const leading = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
	const holder = ts.isVariableDeclaration(node.parent)
		? node.parent.parent.parent
		: ts.isPropertyAssignment(node.parent)
			? node.parent
			: null;
	const holderComments = holder
		? (ts.getLeadingCommentRanges(sf.text, holder.getFullStart()) ?? [])
		: [];
	for (const c of [...leading, ...holderComments]) {
		const text = sf.text.slice(c.pos, c.end);
		if (REASON.test(text))
			return text
				.slice(text.search(REASON))
				.split('\n')[0]
				.replace(/\*\/\s*$/, '')
				.trim();
	}
	for (let i = start; i < Math.min(lines.length, start + REASON_WINDOW + 1); i++) {
		const m = REASON.exec(lines[i]);
		if (m)
			return lines[i]
				.slice(m.index)
				.trim()
				.replace(/\*\/\s*$/, '')
				.trim();
	}
	return null;
}

export function longFunctions(file: string, text: string, max: number): LongFunction[] {
	const source = scriptText(file, text);
	const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const lines = source.split('\n');
	const found: LongFunction[] = [];
	const visit = (node: ts.Node) => {
		if (
			(ts.isFunctionDeclaration(node) ||
				ts.isFunctionExpression(node) ||
				ts.isArrowFunction(node) ||
				ts.isMethodDeclaration(node) ||
				ts.isConstructorDeclaration(node) ||
				ts.isGetAccessorDeclaration(node) ||
				ts.isSetAccessorDeclaration(node)) &&
			node.body
		) {
			const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
			const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
			const count = last - first + 1;
			if (count > max)
				found.push({
					file,
					name: nameOf(node, sf),
					line: first + 1,
					lines: count,
					reason: reasonOf(node, sf, lines)
				});
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return found;
}

function main(argv: string[]): number {
	const check = argv.includes('--check');
	const maxAt = argv.indexOf('--max');
	const max = maxAt >= 0 ? Number(argv[maxAt + 1]) : 80;
	const paths = argv.filter((a, i) => !a.startsWith('--') && (maxAt < 0 || i !== maxAt + 1));
	const files = (paths.length ? paths : ROOTS).flatMap(sourceFiles);
	const all = files
		.flatMap((file) =>
			longFunctions(relative(process.cwd(), file), readFileSync(file, 'utf8'), max)
		)
		.sort((a, b) => b.lines - a.lines);
	for (const f of all)
		console.log(
			`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}${f.reason ? `  — ${f.reason}` : '  — NO REASON'}`
		);
	const unexplained = all.filter((f) => !f.reason);
	console.log(
		`${all.length} function(s) over ${max} lines in ${files.length} files; ${unexplained.length} without a stated reason.`
	);
	return check && unexplained.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
