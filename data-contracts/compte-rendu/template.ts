// The compte rendu templates (DOCX and ODT), generated from the contract: per situation reference,
// only the solution envisaged and the pilot institution (protocole de l’Essonne, 2005, §4), with
// the contract's pilot institutions and strategies listed as the words to use. Same bytes on every
// run (fixed dates in the zip), written to static/contrat/ by scripts/gen-contract-artifacts.ts;
// a test fails when the committed files are stale.
import { zipSync, strToU8, type Zippable } from 'fflate';
import { FIELDS } from '../fields';
import { PROTOCOL_RULE } from './rule';

/** Local-time fields, so the zip's DOS dates are the same in every time zone. */
const FIXED_DATE = new Date(2026, 0, 1, 12, 0, 0);
export const TEMPLATE_ROWS = 8;
export const TEMPLATE_EXAMPLE = [
	'SIT-0042',
	'soutien_parentalite',
	'conseil_departemental'
] as const;

export const COLUMNS = ['Référence de la situation', 'Solution envisagée', 'Institution pilote'];

function codedLabels(name: string): [string, string][] {
	const f = FIELDS.situations.find((d) => d.name === name);
	if (!f?.codes || !f.labels) throw new Error(`champ codé inconnu : ${name}`);
	return f.codes.map((c) => [c, f.labels?.[c] ?? c]);
}

export interface TemplateContent {
	title: string;
	intro: string[];
	header: string[];
	example: string[];
	lists: { heading: string; items: string[] }[];
}

export function templateContent(): TemplateContent {
	const institutions = codedLabels('institution_pilote');
	const strategies = codedLabels('strategie');
	const [ref, strategy, institution] = TEMPLATE_EXAMPLE;
	return {
		title: 'Compte rendu de séance',
		intro: [
			'Instance : …',
			'Séance du : …',
			PROTOCOL_RULE,
			'Désignez chaque situation par sa référence (celle du fichier des situations), jamais par un nom. N’écrivez rien de la famille, de la santé, des faits reprochés ni de la scolarité : seulement la solution envisagée et l’institution pilote. Avant de diffuser ce compte rendu, faites-le vérifier dans Bilans partagés (page « Vérifier un compte rendu » de votre groupe).'
		],
		header: COLUMNS,
		example: [
			ref,
			strategies.find(([c]) => c === strategy)?.[1] ?? strategy,
			institutions.find(([c]) => c === institution)?.[1] ?? institution
		],
		lists: [
			{
				heading: 'Institutions pilotes (colonne « institution_pilote » du contrat)',
				items: institutions.map(([c, l]) => `${l} (${c})`)
			},
			{
				heading: 'Solutions (colonne « strategie » du contrat)',
				items: strategies.map(([c, l]) => `${l} (${c})`)
			}
		]
	};
}

const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const zip = (files: Zippable) => zipSync(files, { mtime: FIXED_DATE, level: 6 });

// ---------- DOCX ----------

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const wPara = (text: string, style?: string) =>
	`<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

function wTable(c: TemplateContent): string {
	const cell = (text: string, bold = false) =>
		`<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p></w:tc>`;
	const row = (cells: string[], bold = false) =>
		`<w:tr>${cells.map((t) => cell(t, bold)).join('')}</w:tr>`;
	const border = (side: string) =>
		`<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
	return (
		`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>` +
		`<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>` +
		row(c.header, true) +
		row(c.example) +
		Array.from({ length: TEMPLATE_ROWS }, () => row(['', '', ''])).join('') +
		`</w:tbl>`
	);
}

export function docxTemplate(): Uint8Array {
	const c = templateContent();
	const body =
		wPara(c.title, 'Title') +
		c.intro.map((t) => wPara(t)).join('') +
		wTable(c) +
		c.lists
			.map((l) => wPara(l.heading, 'Heading1') + l.items.map((i) => wPara(`– ${i}`)).join(''))
			.join('') +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
	const style = (id: string, name: string, size: number, bold: boolean) =>
		`<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/></w:rPr></w:style>`;
	return zip({
		'[Content_Types].xml': strToU8(
			`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`
		),
		'_rels/.rels': strToU8(
			`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`
		),
		'word/_rels/document.xml.rels': strToU8(
			`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/></Relationships>`
		),
		'word/styles.xml': strToU8(
			`${XML}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${style('Title', 'Title', 36, true)}${style('Heading1', 'heading 1', 28, true)}</w:styles>`
		),
		'word/document.xml': strToU8(
			`${XML}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`
		)
	});
}

// ---------- ODT ----------

const NS = {
	office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
	style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
	text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
	table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
	fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0'
};
const ODT_MIME = 'application/vnd.oasis.opendocument.text';

const oPara = (text: string, style = 'Standard') =>
	`<text:p text:style-name="${style}">${esc(text)}</text:p>`;

export function odtTemplate(): Uint8Array {
	const c = templateContent();
	const cell = (text: string, bold = false) =>
		`<table:table-cell table:style-name="Cell" office:value-type="string">${oPara(text, bold ? 'Bold' : 'Standard')}</table:table-cell>`;
	const row = (cells: string[], bold = false) =>
		`<table:table-row>${cells.map((t) => cell(t, bold)).join('')}</table:table-row>`;
	const table =
		`<table:table table:name="Situations" table:style-name="Situations"><table:table-column table:number-columns-repeated="3"/>` +
		row(c.header, true) +
		row(c.example) +
		Array.from({ length: TEMPLATE_ROWS }, () => row(['', '', ''])).join('') +
		`</table:table>`;
	const body =
		`<text:h text:style-name="Title" text:outline-level="1">${esc(c.title)}</text:h>` +
		c.intro.map((t) => oPara(t)).join('') +
		table +
		c.lists
			.map(
				(l) =>
					`<text:h text:style-name="Heading" text:outline-level="2">${esc(l.heading)}</text:h>` +
					l.items.map((i) => oPara(`– ${i}`)).join('')
			)
			.join('');
	const styles =
		`<office:automatic-styles>` +
		`<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="Arial" fo:font-family="Arial" fo:font-size="11pt" fo:language="fr" fo:country="FR"/></style:style>` +
		`<style:style style:name="Bold" style:family="paragraph"><style:text-properties fo:font-family="Arial" fo:font-size="11pt" fo:font-weight="bold"/></style:style>` +
		`<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties fo:font-family="Arial" fo:font-size="18pt" fo:font-weight="bold"/></style:style>` +
		`<style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-family="Arial" fo:font-size="14pt" fo:font-weight="bold"/></style:style>` +
		`<style:style style:name="Situations" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>` +
		`<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>` +
		`</office:automatic-styles>`;
	const ns = Object.entries(NS)
		.map(([k, v]) => `xmlns:${k}="${v}"`)
		.join(' ');
	return zip({
		mimetype: [strToU8(ODT_MIME), { level: 0 }],
		'META-INF/manifest.xml': strToU8(
			`${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${ODT_MIME}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`
		),
		'content.xml': strToU8(
			`${XML}<office:document-content ${ns} office:version="1.2">${styles}<office:body><office:text>${body}</office:text></office:body></office:document-content>`
		)
	});
}

/** Every generated compte rendu template, by name under static/contrat/. */
export function compteRenduArtifacts(): Record<string, Uint8Array> {
	return {
		'modele-compte-rendu.docx': docxTemplate(),
		'modele-compte-rendu.odt': odtTemplate()
	};
}
