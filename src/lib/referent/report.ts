// Turning a contract report into what a referent can act on: a sentence per rule ("12 cellules
// contiennent un numéro de téléphone"), what to do, spreadsheet column letters, and the CSV
// download (UTF-8 with BOM, `;`, cells that a spreadsheet would run as formulas neutralised).
// Pure: used by the upload page, the server's JSON answers and tests.
import { PII_LABELS, type PiiType } from '$contracts/pii/detect';
import { isStructureCode, type Report, type ReportError } from '$contracts/report';
import { TABULAR_KINDS, type TabularKind } from '$contracts/codes';
import { csvDocument } from '$contracts/csv-write';
import { fieldLabel } from '$contracts/fields';
import { columnLetter } from '$contracts/text-utils';
import { plural } from '$lib/format';

export { columnLetter };

const cells = (n: number, verbOne: string, verbMany: string) =>
	`${plural(n, 'cellule', 'cellules')} ${n > 1 ? verbMany : verbOne}`;

/** One French sentence for a rule and its count. */
export function ruleSentence(code: string, n: number): string {
	if (code.startsWith('pii.') && code !== 'pii.column') {
		const type = code.slice(4) as PiiType;
		return `${cells(n, 'contient', 'contiennent')} ${PII_LABELS[type] ?? 'une donnée personnelle'}`;
	}
	switch (code) {
		case 'pii.column':
			return `${plural(n, 'colonne', 'colonnes')} de données personnelles ${n > 1 ? 'ne doivent' : 'ne doit'} pas figurer dans le fichier`;
		case 'header.unknown':
			return `${plural(n, 'colonne inconnue', 'colonnes inconnues')} du contrat`;
		case 'header.missing':
			return `${plural(n, 'colonne obligatoire manque', 'colonnes obligatoires manquent')}`;
		case 'header.duplicate':
			return `${plural(n, 'colonne apparaît', 'colonnes apparaissent')} deux fois`;
		case 'header.too_wide':
		case 'header.too_long':
			return 'la ligne d’en-tête n’est pas celle d’un fichier du contrat';
		case 'header.empty':
			return `${plural(n, 'colonne', 'colonnes')} sans nom`;
		case 'value.required':
			return `${cells(n, 'obligatoire est vide', 'obligatoires sont vides')}`;
		case 'value.code':
		case 'value.codes':
			return `${cells(n, 'contient un code non reconnu', 'contiennent un code non reconnu')}`;
		case 'value.month':
			return `${cells(n, "n'est pas un mois (AAAA-MM, 03/2025 ou mars 2025)", 'ne sont pas des mois (AAAA-MM, 03/2025 ou mars 2025)')}`;
		case 'value.date':
			return `${cells(n, "n'est pas une date AAAA-MM-JJ", 'ne sont pas des dates AAAA-MM-JJ')}`;
		case 'value.integer':
			return `${cells(n, "n'est pas un nombre entier", 'ne sont pas des nombres entiers')}`;
		case 'value.range':
			return `${cells(n, 'sort des valeurs permises', 'sortent des valeurs permises')}`;
		case 'value.ref':
			return `${plural(n, 'référence de situation invalide', 'références de situation invalides')}`;
		case 'value.quartier':
			return `${plural(n, 'code de quartier invalide', 'codes de quartier invalides')}`;
		case 'value.too_long':
			return `${plural(n, 'texte trop long', 'textes trop longs')}`;
		case 'value.formula':
			return `${cells(n, 'contient une formule sans valeur calculée', 'contiennent une formule sans valeur calculée')}`;
		case 'value.formula_error':
			return `${cells(n, 'contient une erreur de calcul', 'contiennent une erreur de calcul')}`;
		case 'row.columns':
			return `${plural(n, "ligne n'a pas", "lignes n'ont pas")} le bon nombre de cellules`;
		case 'csv.unclosed_quote':
			return 'un guillemet ouvert n’est jamais refermé';
		default:
			if (code.startsWith('rule.'))
				return `${plural(n, 'ligne ne respecte pas', 'lignes ne respectent pas')} une règle entre colonnes`;
			if (code.startsWith('file.')) return 'le fichier ne peut pas être lu';
			return `${plural(n, 'erreur', 'erreurs')} à corriger`;
	}
}

/** What to do, short, for the grid's last column. */
export function ruleAdvice(code: string): string {
	if (code === 'pii.name')
		return 'Remplacez le nom par un terme neutre (« l’enfant », « la famille ») ou supprimez-le.';
	if (code === 'pii.column') return 'Supprimez la colonne du fichier avant de le déposer.';
	if (code.startsWith('pii.'))
		return 'Supprimez la donnée : aucun identifiant de personne dans le fichier.';
	if (code === 'value.required') return 'Remplissez la cellule.';
	if (code === 'value.formula')
		return 'Enregistrez le classeur dans votre tableur, ou remplacez la formule par sa valeur.';
	if (code === 'value.formula_error') return 'Corrigez la formule ou remplacez-la par une valeur.';
	if (code === 'value.code' || code === 'value.codes')
		return 'Utilisez un code de la liste ou son libellé (voir le modèle et le contrat).';
	if (code.startsWith('value.')) return 'Corrigez la valeur au format indiqué.';
	if (code.startsWith('rule.')) return 'Mettez les deux colonnes en accord.';
	if (code === 'row.columns')
		return 'Vérifiez les séparateurs « ; » et les guillemets de la ligne (classeur : la cellule hors du tableau).';
	if (code.startsWith('header.')) return 'Corrigez la ligne d’en-tête (ligne 1).';
	return 'Corrigez le fichier puis déposez-le à nouveau.';
}

export interface RuleCount {
	code: string;
	count: number;
	sentence: string;
	structure: boolean;
}

/** Rules with their counts, structure problems first, then by decreasing count. */
export function ruleSummary(report: Report): RuleCount[] {
	const counts: Record<string, number> = report.errorsByCode ?? {};
	const byCode = Object.keys(counts).length
		? counts
		: report.errors.reduce<Record<string, number>>((acc, e) => {
				acc[e.code] = (acc[e.code] ?? 0) + 1;
				return acc;
			}, {});
	return Object.entries(byCode)
		.map(([code, count]) => ({
			code,
			count,
			sentence: ruleSentence(code, count),
			structure: isStructureCode(code)
		}))
		.sort((a, b) => Number(b.structure) - Number(a.structure) || b.count - a.count);
}

export const structureErrors = (report: Report): ReportError[] =>
	report.errors.filter((e) => isStructureCode(e.code));

/** The name of a rule, for people (never its code): « Donnée personnelle : un numéro de téléphone ». */
export function ruleLabel(code: string): string {
	if (code.startsWith('pii.') && code !== 'pii.column') {
		const type = code.slice(4) as PiiType;
		return `Donnée personnelle : ${PII_LABELS[type] ?? 'une donnée personnelle'}`;
	}
	const labels: Record<string, string> = {
		'pii.column': 'Colonne de données personnelles',
		'header.unknown': 'Colonne inconnue du contrat',
		'header.missing': 'Colonne obligatoire manquante',
		'header.duplicate': 'Colonne en double',
		'header.empty': 'Colonne sans nom',
		'value.required': 'Cellule obligatoire vide',
		'value.code': 'Code non reconnu',
		'value.codes': 'Code non reconnu',
		'value.month': 'Mois invalide (AAAA-MM)',
		'value.date': 'Date invalide (AAAA-MM-JJ)',
		'value.integer': 'Nombre entier attendu',
		'value.range': 'Valeur hors des limites',
		'value.ref': 'Référence de situation invalide',
		'value.quartier': 'Code de quartier invalide',
		'value.too_long': 'Texte trop long',
		'value.formula': 'Formule sans valeur calculée',
		'value.formula_error': 'Erreur de calcul dans une formule',
		'row.columns': 'Nombre de cellules de la ligne',
		'csv.unclosed_quote': 'Guillemet non refermé'
	};
	if (labels[code]) return labels[code];
	if (code.startsWith('rule.')) return 'Règle entre colonnes';
	if (code.startsWith('bilan.')) return 'Structure du bilan';
	if (code.startsWith('file.')) return 'Fichier illisible';
	return 'Erreur';
}

/** The column's French label when the kind has it ("Tranche d'âge"), else its name. */
const columnName = (kind: string, column: string) =>
	column && (TABULAR_KINDS as readonly string[]).includes(kind)
		? fieldLabel(kind as TabularKind, column)
		: column;

/** Where an error of a workbook is: « Feuille « situations », cellule D8 » (or its row). */
export function cellLabel(e: ReportError): string {
	const sheet = e.sheet ? `Feuille « ${e.sheet} », ` : '';
	return e.cell ? `${sheet}cellule ${e.cell}` : `${sheet}ligne ${e.row}`;
}

/** The report as CSV for a spreadsheet in French locale: labels, never codes. */
export function reportCsv(report: Report, canonical: string[] = []): string {
	const sheet = report.sheet !== undefined;
	const rows = [
		[
			'ligne',
			'colonne',
			'en-tête du fichier',
			'lettre',
			'règle',
			'message',
			'que faire',
			...(sheet ? ['cellule du classeur'] : [])
		]
	];
	for (const e of report.errors) {
		const pos = e.column ? canonical.indexOf(e.column) : -1;
		rows.push([
			String(e.row),
			columnName(report.kind, e.column),
			e.column,
			e.cell ? e.cell.replace(/\d+$/, '') : pos >= 0 ? columnLetter(pos) : '',
			ruleLabel(e.code),
			e.message,
			ruleAdvice(e.code),
			...(sheet ? [cellLabel(e)] : [])
		]);
	}
	return csvDocument(rows[0], rows.slice(1));
}
