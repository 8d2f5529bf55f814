// The protocol's rule for a compte rendu, quoted by the check, its page and the templates (a
// module of its own so the page shows it without loading the detectors).
export const PROTOCOL_RULE =
	'« Le compte rendu ne mentionne que la solution envisagée et l’institution qui la conduira » (protocole d’échange de l’information, §4).';
