// Local list of the most used passwords (international and French), checked without any network
// call. A password is refused when it is one of them, or one of them padded with digits/symbols.
export const COMMON_PASSWORDS: readonly string[] = `
123456 123456789 12345678 1234567890 12345 1234567 123123 111111 000000 654321 666666 121212
112233 123321 987654321 1q2w3e4r 1q2w3e4r5t 1qaz2wsx qwerty qwertyuiop qwerty123 azerty azertyuiop
azerty123 aqwzsxedc wxcvbn password password1 passw0rd p@ssw0rd p@ssword motdepasse mot2passe
motdepasse123 admin administrateur administrator root toor welcome bienvenue letmein iloveyou
jetaime jetaime123 monkey dragon football soccer baseball master shadow sunshine princess
superman batman trustno1 starwars pokemon michael jennifer charlie jordan freedom whatever
hello bonjour salut coucou secret secret123 changeme changezmoi test test123 testtest demo
demo123 guest invite user utilisateur login connexion chocolat soleil doudou loulou marseille
paris paris75 lyon toulouse nantes bordeaux lille france france123 liberte egalite fraternite
republique prefecture mairie commune essonne evry massy corbeil police gendarmerie justice
nicolas thomas camille julien alexandre antoine chouchou cheval amour amoureux bisous bebe
tintin asterix titeuf marseille13 olympique allezlom psg psg123 zidane mbappe football123
abc123 abcdef abcdefgh abcd1234 a1b2c3 a1b2c3d4 aaaaaa azertyui qsdfgh qsdfghjklm
wxcvbn123 poiuytreza nounours vanille fleur papillon printemps automne hiver ete
pass pass123 pass1234 mdp mdp123 motdepasse1 sesame ouvretoi 0123456789 9876543210
147258369 159753 147852 258456 741852963 123654 azer1234 qwer1234 zaq12wsx
ilovegod iloveu love lovely loveme killer hunter ranger buster tigger ginger pepper
maggie summer winter spring autumn computer internet google facebook samsung apple
bilans bilanspartages bilans-partages partages partenariat clspd`
	.split(/\s+/)
	.filter(Boolean);
