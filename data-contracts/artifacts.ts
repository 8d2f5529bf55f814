// Documentation artifacts generated from the field definitions and zod schemas: JSON Schema,
// Frictionless Table Schema, CSV templates and a Markdown page (the Excel templates are in
// xlsx-template.ts). IO-free: the script scripts/gen-contract-artifacts.ts writes them to
// static/contrat/, and a test checks they are fresh.
import { ACCEPTED_WORKBOOKS } from './formats';
import {
	BILAN_SECTIONS,
	INSTITUTIONS,
	KIND_LABELS,
	TABULAR_KINDS,
	type TabularKind
} from './codes';
import { csvDocument } from './csv-write';
import { FIELDS, type FieldDef } from './fields';
import { jsonSchema } from './schema';
import { ACCEPTED_SPELLINGS } from './normalize';

const PATTERNS: Partial<Record<FieldDef['type'], string>> = {
	month: '^\\d{4}-(0[1-9]|1[0-2])$',
	ref: '^[A-Z0-9-]{3,20}$',
	quartier: '^(QN\\d{5}[A-Z]|QP\\d{6}|hors_qpv)$'
};

/** Frictionless Table Schema of a tabular kind. */
export function tableSchema(kind: TabularKind): Record<string, unknown> {
	return {
		fields: FIELDS[kind].map((f) => {
			const constraints: Record<string, unknown> = {};
			if (f.required === true) constraints.required = true;
			if (f.type === 'code' || f.type === 'boolean') constraints.enum = [...(f.codes ?? [])];
			if (f.min !== undefined) constraints.minimum = f.min;
			if (f.max !== undefined) constraints.maximum = f.max;
			if (f.maxLength !== undefined) constraints.maxLength = f.maxLength;
			if (PATTERNS[f.type]) constraints.pattern = PATTERNS[f.type];
			if (f.type === 'codes')
				constraints.pattern = `^(${f.codes!.join('|')})(\\|(${f.codes!.join('|')}))*$`;
			return {
				name: f.name,
				title: f.label,
				description:
					f.description + (typeof f.required === 'string' ? ` (obligatoire ${f.required})` : ''),
				type:
					f.type === 'integer'
						? 'integer'
						: f.type === 'date'
							? 'date'
							: f.type === 'month'
								? 'yearmonth'
								: 'string',
				...(f.type === 'date' ? { format: '%Y-%m-%d' } : {}),
				example: f.example,
				constraints
			};
		}),
		missingValues: [''],
		dialect: { delimiter: ';', header: true, doubleQuote: true }
	};
}

/** Template CSV: UTF-8 BOM, `;`, header and one example row. */
export function csvTemplate(kind: TabularKind): string {
	const f = FIELDS[kind];
	const example = f.map((d) => (d.name === 'date_cloture' ? '' : d.example));
	return csvDocument(
		f.map((d) => d.name),
		[example]
	);
}

export function bilanTemplate(): string {
	return [
		'Institution du membre désigné : education_nationale',
		'',
		...BILAN_SECTIONS.codes.flatMap((s) => [
			`## ${BILAN_SECTIONS.labels[s]}`,
			'Texte libre, sans aucun nom ni donnée personnelle.',
			''
		])
	].join('\n');
}

const requiredText = (f: FieldDef) =>
	f.required === true ? 'oui' : f.required === false ? 'non' : f.required;
const codesText = (f: FieldDef) =>
	f.codes ? f.codes.map((c) => `\`${c}\` (${f.labels?.[c] ?? c})`).join(', ') : '';

export function markdownDoc(): string {
	const out: string[] = [
		'# Contrat de données v1 — Bilans partagés',
		'',
		'Document généré à partir des schémas du validateur : ne pas le modifier à la main.',
		'',
		'Fichiers CSV en UTF-8 (avec ou sans BOM) ou Windows-1252, séparateur `;` ou `,`, une ligne d’en-tête. ' +
			'L’ordre des colonnes est libre ; la casse, les accents et les espaces autour des noms de colonnes sont ignorés. ' +
			'Case vide = valeur absente. Toute colonne hors contrat est refusée.',
		'',
		ACCEPTED_SPELLINGS + ' Les schémas JSON et Table Schema décrivent ces valeurs enregistrées.',
		'',
		'Modèles : `modele-<type>.csv` (en-tête et une ligne d’exemple) et `modele-<type>.xlsx` (liste des libellés ' +
			'dans chaque colonne codée, feuille « Codes », règle de chaque colonne en commentaire, ligne d’exemple). ' +
			'Le modèle Excel rempli se dépose tel quel. ' +
			ACCEPTED_WORKBOOKS,
		'',
		'Aucune donnée nominative : ni nom, ni prénom, ni date de naissance, ni adresse, ni téléphone, ni e-mail, ' +
			'ni numéro de sécurité sociale, ni INE, ni IBAN, ni plaque d’immatriculation.',
		''
	];
	for (const kind of TABULAR_KINDS) {
		out.push(
			`## ${KIND_LABELS[kind]} (\`${kind}\`)`,
			'',
			'| colonne | obligatoire | description | exemple | codes |',
			'|---|---|---|---|---|'
		);
		for (const f of FIELDS[kind])
			out.push(
				`| \`${f.name}\` | ${requiredText(f)} | ${f.description} | \`${f.example}\` | ${codesText(f)} |`
			);
		out.push('');
	}
	out.push(
		`## ${KIND_LABELS.bilan} (\`bilan\`)`,
		'',
		'Texte UTF-8 : une ligne `Institution du membre désigné : <code>` (ou `Institution : <code>`), puis quatre sections de niveau 2 :',
		'',
		...BILAN_SECTIONS.codes.map((s) => `- \`## ${BILAN_SECTIONS.labels[s]}\``),
		'',
		`Codes d’institution : ${INSTITUTIONS.codes.map((c) => `\`${c}\` (${INSTITUTIONS.labels[c]})`).join(', ')}.`,
		''
	);
	return out.join('\n');
}

/** Every generated file, by name under static/contrat/. */
export function contractArtifacts(): Record<string, string> {
	const files: Record<string, string> = {};
	for (const kind of TABULAR_KINDS) {
		files[`${kind}.schema.json`] = JSON.stringify(jsonSchema(kind), null, '\t') + '\n';
		files[`${kind}.tableschema.json`] = JSON.stringify(tableSchema(kind), null, '\t') + '\n';
		files[`modele-${kind}.csv`] = csvTemplate(kind);
	}
	files['bilan.schema.json'] = JSON.stringify(jsonSchema('bilan'), null, '\t') + '\n';
	files['modele-bilan.txt'] = bilanTemplate();
	files['contrat.md'] = markdownDoc();
	return files;
}
