// The file formats an upload may take, in words (the contract page, its Markdown copy). IO-free.

/** What is accepted besides CSV, in words, for the contract page, its Markdown copy and templates. */
export const ACCEPTED_WORKBOOKS =
	'Le dépôt accepte aussi les classeurs Excel (.xlsx) et LibreOffice (.ods), tels quels : la feuille nommée d’après le type de fichier (« situations », « seances » ou « incidents »), sinon la première ; la première ligne remplie porte les noms des colonnes ; les formules sont lues par leur valeur calculée. ' +
	'Les classeurs avec macros (.xlsm), liaisons vers d’autres fichiers ou mot de passe, et l’ancien format .xls, sont refusés.';
