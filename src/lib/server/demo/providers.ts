import {
	regions,
	type Activity,
	type BenefitType,
	type ContractForm,
	type ProviderType,
	type Region,
	type TargetGroup
} from '../../domain/reference';

/**
 * The invented providers of the demo data set: pure data, no database. Names, addresses and phone
 * numbers are made up; e-mail and web addresses use the reserved `.example` domain.
 */

export interface DemoProvider {
	id: string;
	code: string;
	name: string;
	type: ProviderType;
	active: boolean;
	approach: string;
	email: string;
	phone: string;
	website: string;
	startWithinWeeks: number;
	priceMinEuros: number;
	priceMaxEuros: number;
	regions: readonly Region[];
	activities: readonly Activity[];
	targetGroups: readonly TargetGroup[];
	contractForms: readonly ContractForm[];
	benefitTypes: readonly BenefitType[];
}

type Entry = Omit<DemoProvider, 'id' | 'active' | 'email' | 'phone' | 'website'> & { active?: false };

export function demoProviderId(code: string): string {
	return `provider-${code}`;
}

const everywhere = regions;

const entries: Entry[] = [
	// Commercial re-integration companies (private).
	{
		code: 'loopbaanlicht',
		name: 'Loopbaanlicht',
		type: 'commercial',
		approach:
			'Wij beginnen met een loopbaangesprek van twee uur: wat kunt u, wat wilt u en wat vraagt de arbeidsmarkt? Daarna zoekt u zelf actief, met elke week een gesprek met dezelfde coach. Wij benaderen werkgevers in ons netwerk voor u en bereiden u voor op elk sollicitatiegesprek. Ook na uw eerste werkdag blijven wij drie maanden bereikbaar.',
		startWithinWeeks: 2,
		priceMinEuros: 1800,
		priceMaxEuros: 4200,
		regions: ['utrecht', 'noord_holland', 'zuid_holland', 'gelderland'],
		activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'highly_educated', 'returner'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WW', 'WIA', 'WGA', 'bijstand']
	},
	{
		code: 'werkkracht-oost',
		name: 'Werkkracht Oost',
		type: 'commercial',
		approach:
			'Bij ons gaat u vanaf de eerste week aan de slag: werk leert u het beste op de werkvloer. U werkt een paar dagen per week mee bij een van onze partnerbedrijven in de techniek, de logistiek of het groen. Uw jobcoach komt langs op de werkplek en helpt als het even niet lukt.',
		startWithinWeeks: 1,
		priceMinEuros: 1500,
		priceMaxEuros: 3800,
		regions: ['overijssel', 'gelderland', 'drenthe'],
		activities: ['diagnosis', 'action_plan', 'work_first', 'work_placement', 'job_mediation', 'aftercare', 'case_management'],
		targetGroups: ['hard_to_place', 'low_educated', 'migrant_background', 'young'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'Wajong', 'bijstand']
	},
	{
		code: 'arbeidsbrug',
		name: 'Arbeidsbrug Nederland',
		type: 'commercial',
		approach:
			'Wij werken in heel Nederland, met een vaste contactpersoon bij u in de buurt. U krijgt toegang tot onze vacaturebank met banen die nog niet openbaar zijn. Samen maken we een plan met duidelijke stappen per maand. Vindt u geen werk, dan betaalt uw uitkeringsinstantie ons niets.',
		startWithinWeeks: 2,
		priceMinEuros: 2000,
		priceMaxEuros: 4500,
		regions: everywhere,
		activities: [
			'diagnosis',
			'action_plan',
			'social_skills',
			'job_application_training',
			'vacancy_collection',
			'job_mediation',
			'aftercare',
			'case_management'
		],
		targetGroups: ['none_specific', 'easy_to_place', 'older', 'highly_educated'],
		contractForms: ['no_cure_no_pay', 'no_cure_less_pay'],
		benefitTypes: ['WW', 'WIA', 'WGA']
	},
	{
		code: 'stichting-werkpad',
		name: 'Stichting Werkpad',
		type: 'commercial',
		approach:
			'Wij zijn een stichting zonder winstoogmerk en wij nemen de tijd. Eerst werken we aan rust, een vast dagritme en uw zelfvertrouwen, pas daarna aan solliciteren. Spelen er schulden of een verslaving, dan werken we samen met uw hulpverlener. Niemand wordt bij ons gehaast.',
		startWithinWeeks: 3,
		priceMinEuros: 2500,
		priceMaxEuros: 4800,
		regions: ['utrecht', 'gelderland'],
		activities: ['diagnosis', 'social_skills', 'treatment', 'work_placement', 'case_management', 'aftercare'],
		targetGroups: ['mental_limitations', 'addiction', 'debt_problems', 'hard_to_place'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WIA', 'WGA', 'Wajong', 'bijstand']
	},
	{
		code: 'baanpunt-domstad',
		name: 'Baanpunt Domstad',
		type: 'commercial',
		approach:
			'Wij kennen de werkgevers in de regio Utrecht persoonlijk. Samen zoeken we snel een passende baan: een traject duurt bij ons gemiddeld vier maanden. U oefent sollicitatiegesprekken met echte recruiters. Vindt u geen werk, dan kost het traject niets.',
		startWithinWeeks: 1,
		priceMinEuros: 1200,
		priceMaxEuros: 2800,
		regions: ['utrecht'],
		activities: ['action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['easy_to_place', 'young', 'none_specific'],
		contractForms: ['no_cure_no_pay'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'werkwijzer-flevoland',
		name: 'Werkwijzer Flevoland',
		type: 'commercial',
		approach:
			'Veel banen in Almere en Lelystad vragen een diploma of certificaat. Daarom combineren wij leren en werken: u volgt een korte opleiding, bijvoorbeeld tot heftruckchauffeur of helpende zorg, en loopt tegelijk stage. Met het diploma op zak helpen wij u aan een contract.',
		startWithinWeeks: 3,
		priceMinEuros: 2200,
		priceMaxEuros: 4600,
		regions: ['flevoland', 'noord_holland'],
		activities: ['diagnosis', 'action_plan', 'schooling', 'dual_learning', 'job_mediation', 'aftercare'],
		targetGroups: ['low_educated', 'young', 'returner'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WW', 'Wajong', 'bijstand']
	},
	{
		code: 'startpunt-talent',
		name: 'Startpunt Talent',
		type: 'commercial',
		approach:
			'Wij zijn er voor jongeren tot 27 jaar, in het hele land. Je krijgt een coach die je ook via WhatsApp kunt bereiken, ook in de avond. We kijken samen wat je leuk vindt en waar je goed in bent. Solliciteren oefen je in kleine groepen met andere jongeren.',
		startWithinWeeks: 2,
		priceMinEuros: 1600,
		priceMaxEuros: 3600,
		regions: everywhere,
		activities: ['diagnosis', 'action_plan', 'social_skills', 'job_application_training', 'vacancy_collection', 'job_mediation'],
		targetGroups: ['young', 'low_educated', 'none_specific'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'Wajong', 'bijstand']
	},
	{
		code: 'werkfabriek-twente',
		name: 'De Werkfabriek Twente',
		type: 'commercial',
		approach:
			'In onze eigen werkplaats in Enschede doet u productiewerk en leert u veilig werken en samenwerken. Zodra u er klaar voor bent, gaat u op proef naar een werkgever in Twente. Wij houden contact met u en uw werkgever tot u een vast contract hebt.',
		startWithinWeeks: 1,
		priceMinEuros: 1400,
		priceMaxEuros: 3200,
		regions: ['overijssel'],
		activities: ['work_first', 'work_placement', 'vacancy_collection', 'job_mediation', 'subsidised_work', 'aftercare'],
		targetGroups: ['hard_to_place', 'low_educated', 'migrant_background'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'vakkundig-verder',
		name: 'Vakkundig Verder',
		type: 'commercial',
		approach:
			'Wij helpen mensen die een nieuw vak willen leren. Na een test van uw talenten kiest u een vakopleiding in de techniek, de zorg of de logistiek. Tijdens de opleiding loopt u stage bij een leerbedrijf. De meeste deelnemers blijven na hun stage bij dat bedrijf werken.',
		startWithinWeeks: 4,
		priceMinEuros: 2800,
		priceMaxEuros: 4900,
		regions: ['noord_brabant', 'limburg', 'zeeland'],
		activities: ['diagnosis', 'schooling', 'dual_learning', 'work_placement', 'job_mediation'],
		targetGroups: ['low_educated', 'older', 'returner'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WW', 'WGA', 'bijstand']
	},
	{
		code: 'stap-vooruit',
		name: 'Stap Vooruit Re-integratie',
		type: 'commercial',
		approach:
			'Wij houden rekening met uw thuissituatie. Afspraken plannen we onder schooltijd, en we zoeken werk dat samengaat met de zorg voor uw kinderen. U krijgt hulp bij het regelen van kinderopvang en bij het schrijven van uw cv.',
		startWithinWeeks: 2,
		priceMinEuros: 1500,
		priceMaxEuros: 3500,
		regions: ['zuid_holland', 'zeeland'],
		activities: ['diagnosis', 'action_plan', 'social_skills', 'job_application_training', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'single_parent', 'returner'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'jobcoach-noord',
		name: 'JobCoach Noord',
		type: 'commercial',
		approach:
			'Onze jobcoaches hebben zelf jaren in de zorg en het onderwijs gewerkt. Wij zoeken werk dat past bij wat uw lichaam en uw hoofd aankunnen, en regelen zo nodig aanpassingen op de werkplek. Na uw start blijft uw jobcoach u een half jaar begeleiden.',
		startWithinWeeks: 2,
		priceMinEuros: 2400,
		priceMaxEuros: 4700,
		regions: ['groningen', 'friesland', 'drenthe'],
		activities: ['diagnosis', 'action_plan', 'work_placement', 'job_mediation', 'aftercare', 'case_management'],
		targetGroups: ['physical_limitations', 'mental_limitations', 'hard_to_place'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WIA', 'WGA', 'Wajong']
	},
	{
		code: 'herstart-loopbaan',
		name: 'Herstart Loopbaanbegeleiding',
		type: 'commercial',
		approach:
			'Na een burn-out of een lange ziekte is terugkeren naar werk spannend. Een loopbaanadviseur en een psycholoog werken bij ons samen aan uw herstel en uw volgende stap. U bepaalt het tempo; wij zorgen dat u niet stil blijft staan.',
		startWithinWeeks: 3,
		priceMinEuros: 2600,
		priceMaxEuros: 4500,
		regions: ['utrecht', 'zuid_holland'],
		activities: ['diagnosis', 'action_plan', 'social_skills', 'treatment', 'job_application_training', 'aftercare'],
		targetGroups: ['mental_limitations', 'highly_educated', 'older'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WW', 'WIA', 'WGA']
	},
	{
		code: 'het-werkatelier',
		name: 'Het Werkatelier',
		type: 'commercial',
		approach:
			'In ons atelier in Amsterdam-Noord werkt u in kleine groepen aan uw presentatie, uw Nederlands op de werkvloer en uw cv. Elke vrijdag komen werkgevers langs om kennis te maken. Zo krijgen veel deelnemers hun eerste sollicitatiegesprek.',
		startWithinWeeks: 2,
		priceMinEuros: 1300,
		priceMaxEuros: 3000,
		regions: ['noord_holland'],
		activities: ['diagnosis', 'social_skills', 'job_application_training', 'work_placement', 'vacancy_collection', 'job_mediation'],
		targetGroups: ['migrant_background', 'low_educated', 'returner'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'zorgvuldig-werk',
		name: 'Zorgvuldig Werk',
		type: 'commercial',
		approach:
			'Wij zijn gespecialiseerd in mensen met een beperking of een chronische ziekte. Een arbeidsdeskundige en een fysiotherapeut kijken samen met u wat u kunt. Daarna zoeken we een werkplek waar dat past, en begeleiden we u en de werkgever de eerste maanden.',
		startWithinWeeks: 3,
		priceMinEuros: 2800,
		priceMaxEuros: 4900,
		regions: ['gelderland', 'utrecht', 'overijssel'],
		activities: ['diagnosis', 'treatment', 'action_plan', 'work_placement', 'case_management', 'aftercare'],
		targetGroups: ['physical_limitations', 'mental_limitations'],
		contractForms: ['fixed_price', 'no_cure_less_pay'],
		benefitTypes: ['WIA', 'WGA', 'Wajong']
	},
	{
		code: 'balans-en-baan',
		name: 'Balans & Baan',
		type: 'commercial',
		approach:
			'Wij begeleiden mensen met een WIA- of WGA-uitkering in heel Nederland. U krijgt een vaste coach en een online trainingsprogramma dat u thuis kunt volgen, op momenten dat het u uitkomt. Eens per maand bespreken we uw voortgang en passen we het plan zo nodig aan.',
		startWithinWeeks: 2,
		priceMinEuros: 2200,
		priceMaxEuros: 4400,
		regions: everywhere,
		activities: ['diagnosis', 'treatment', 'action_plan', 'job_application_training', 'job_mediation', 'aftercare'],
		targetGroups: ['physical_limitations', 'older', 'none_specific'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WIA', 'WGA']
	},
	{
		code: 'talentenwerf',
		name: 'Talentenwerf',
		type: 'commercial',
		approach:
			'Wij richten ons op hoger opgeleiden die snel weer aan het werk willen. Met een scherp profiel en gerichte netwerkgesprekken vindt u de vacatures die nergens gepubliceerd worden. Wij lopen zelf het risico: alleen als u een baan vindt, worden wij betaald.',
		startWithinWeeks: 1,
		priceMinEuros: 1800,
		priceMaxEuros: 3900,
		regions: ['zuid_holland', 'noord_holland'],
		activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation'],
		targetGroups: ['highly_educated', 'easy_to_place'],
		contractForms: ['no_cure_no_pay'],
		benefitTypes: ['WW']
	},
	{
		code: 'groene-stek',
		name: 'Groene Stek Werk',
		type: 'commercial',
		approach:
			'Op onze zorgboerderij en in het groenonderhoud werkt u buiten, in een rustige omgeving. U went weer aan vaste werktijden en aan samenwerken. Als u er klaar voor bent, zoeken we samen een baan bij een hovenier, een boer of de gemeente.',
		startWithinWeeks: 2,
		priceMinEuros: 1500,
		priceMaxEuros: 3400,
		regions: ['drenthe', 'overijssel', 'friesland'],
		activities: ['social_skills', 'work_first', 'work_placement', 'subsidised_work', 'case_management'],
		targetGroups: ['hard_to_place', 'addiction', 'mental_limitations'],
		contractForms: ['fixed_price'],
		benefitTypes: ['Wajong', 'bijstand']
	},
	{
		code: 'mijlpaal',
		name: 'Mijlpaal Werkbegeleiding',
		type: 'commercial',
		approach:
			'Wij werken met mijlpalen. Na zes weken hebt u een helder doel, na drie maanden hebt u gesolliciteerd en gesprekken gevoerd. Elke mijlpaal bespreken we samen, zodat u altijd weet waar u staat.',
		startWithinWeeks: 2,
		priceMinEuros: 1700,
		priceMaxEuros: 3700,
		regions: ['noord_brabant', 'gelderland'],
		activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'older', 'easy_to_place'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WW', 'WIA', 'bijstand']
	},
	{
		code: 'werkzicht-limburg',
		name: 'Werkzicht Limburg',
		type: 'commercial',
		approach:
			'Wij kennen de arbeidsmarkt in Limburg en over de grens in België en Duitsland. Wij helpen u werk te vinden in de hele grensregio, ook als u daar nog nooit gewerkt hebt. Als het nodig is, regelen wij lessen Duits.',
		startWithinWeeks: 2,
		priceMinEuros: 1600,
		priceMaxEuros: 3500,
		regions: ['limburg'],
		activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['older', 'low_educated', 'none_specific'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'WGA', 'bijstand']
	},
	{
		code: 'sterkwerk-zeeland',
		name: 'Sterkwerk Zeeland',
		type: 'commercial',
		approach:
			'Zeeland heeft veel seizoenswerk in de havens, het toerisme en de landbouw. Wij zorgen dat u daar snel aan de slag kunt, en helpen u daarna naar een baan voor het hele jaar. U hebt bij ons één vaste contactpersoon.',
		startWithinWeeks: 1,
		priceMinEuros: 1200,
		priceMaxEuros: 3000,
		regions: ['zeeland', 'noord_brabant'],
		activities: ['work_first', 'work_placement', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['easy_to_place', 'low_educated', 'young'],
		contractForms: ['no_cure_no_pay', 'no_cure_less_pay'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'verder-kijken',
		name: 'Verder Kijken Loopbaan',
		type: 'commercial',
		approach:
			'Wij helpen u als u van beroep wilt veranderen. Met testen en gesprekken ontdekt u welk werk bij u past. Zo nodig volgt u een korte cursus om de overstap te maken, en daarna helpen wij u met solliciteren in uw nieuwe vak.',
		startWithinWeeks: 4,
		priceMinEuros: 2500,
		priceMaxEuros: 4800,
		regions: ['utrecht', 'noord_holland', 'flevoland'],
		activities: ['diagnosis', 'action_plan', 'schooling', 'job_application_training', 'job_mediation'],
		targetGroups: ['highly_educated', 'returner', 'older'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WW', 'WGA']
	},
	{
		code: 'brugwachter',
		name: 'Brugwachter Werk & Zorg',
		type: 'commercial',
		approach:
			'Voordat werk lukt, moet het thuis rustig zijn. Daarom helpen wij eerst met geldzaken, wonen en zorg, samen met het wijkteam. Daarna zoeken we stap voor stap naar werk, te beginnen met een paar uur per week.',
		startWithinWeeks: 3,
		priceMinEuros: 2000,
		priceMaxEuros: 4200,
		regions: ['groningen', 'drenthe'],
		activities: ['diagnosis', 'social_skills', 'treatment', 'work_placement', 'case_management', 'aftercare'],
		targetGroups: ['debt_problems', 'addiction', 'mental_limitations', 'single_parent'],
		contractForms: ['fixed_price'],
		benefitTypes: ['Wajong', 'bijstand']
	},
	{
		code: 'kansrijk-utrecht',
		name: 'Kansrijk Utrecht',
		type: 'commercial',
		approach:
			'Wij werken in de wijken van Utrecht, dicht bij u in de buurt. Onze coaches spreken samen acht talen. U leert hoe solliciteren in Nederland gaat en loopt stage bij een bedrijf uit de stad.',
		startWithinWeeks: 2,
		priceMinEuros: 1500,
		priceMaxEuros: 3600,
		regions: ['utrecht'],
		activities: [
			'diagnosis',
			'action_plan',
			'social_skills',
			'job_application_training',
			'work_placement',
			'job_mediation',
			'aftercare'
		],
		targetGroups: ['migrant_background', 'young', 'low_educated'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'Wajong', 'bijstand']
	},
	{
		code: 'vijfsprong',
		name: 'Vijfsprong Re-integratie',
		type: 'commercial',
		approach:
			'Bij ons kiest u uit vijf routes: snel werk, omscholing, een werkstage, werk met begeleiding of een eigen bedrijf. Uw coach helpt u kiezen en blijft tot het einde van uw traject dezelfde persoon.',
		startWithinWeeks: 2,
		priceMinEuros: 1900,
		priceMaxEuros: 4100,
		regions: ['overijssel', 'gelderland', 'utrecht'],
		activities: [
			'diagnosis',
			'action_plan',
			'job_application_training',
			'schooling',
			'work_placement',
			'vacancy_collection',
			'job_mediation',
			'case_management'
		],
		targetGroups: ['none_specific', 'older', 'hard_to_place'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WW', 'WIA', 'WGA', 'bijstand']
	},
	{
		code: 'werkkompas-west',
		name: 'Werkkompas West',
		type: 'commercial',
		approach:
			'Wij zijn een klein team van zes coaches. U hebt elke week een gesprek, op ons kantoor of bij u thuis. Wij houden het eenvoudig: een goed cv, een lijst met werkgevers, en veel oefenen.',
		startWithinWeeks: 1,
		priceMinEuros: 1400,
		priceMaxEuros: 3300,
		regions: ['zuid_holland', 'noord_holland', 'utrecht'],
		activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'easy_to_place', 'returner'],
		contractForms: ['no_cure_no_pay', 'no_cure_less_pay'],
		benefitTypes: ['WW', 'WIA', 'bijstand']
	},
	{
		code: 'duurzaam-aan-het-werk',
		name: 'Duurzaam Aan Het Werk',
		type: 'commercial',
		approach:
			'Wij vinden het belangrijk dat u niet alleen werk vindt, maar het ook houdt. Daarom duurt onze nazorg een vol jaar na uw eerste werkdag. In die tijd kunt u ons altijd bellen met vragen of problemen op het werk.',
		startWithinWeeks: 3,
		priceMinEuros: 2400,
		priceMaxEuros: 4700,
		regions: everywhere,
		activities: ['diagnosis', 'action_plan', 'schooling', 'job_mediation', 'aftercare', 'case_management'],
		targetGroups: ['none_specific', 'older', 'physical_limitations'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'WIA', 'WGA', 'Wajong']
	},
	{
		code: 'opgang-jongerenwerk',
		name: 'Opgang Jongerenwerk',
		type: 'commercial',
		approach:
			'Wij helpen jongeren zonder startkwalificatie aan een diploma en een baan. Je gaat twee dagen naar school en werkt drie dagen in een leerbaan. Je mentor helpt je ook met dingen buiten je werk, zoals geld en wonen.',
		startWithinWeeks: 2,
		priceMinEuros: 1800,
		priceMaxEuros: 4000,
		regions: ['zuid_holland', 'utrecht'],
		activities: ['social_skills', 'schooling', 'dual_learning', 'work_placement', 'job_mediation', 'case_management'],
		targetGroups: ['young', 'low_educated', 'migrant_background'],
		contractForms: ['fixed_price'],
		benefitTypes: ['Wajong', 'bijstand']
	},
	{
		code: 'senior-vakwerk',
		name: 'Senior Vakwerk',
		type: 'commercial',
		approach:
			'Wij werken alleen met mensen van 50 jaar en ouder. Uw ervaring is veel waard, maar werkgevers zien dat niet altijd meteen. Wij helpen u die ervaring zichtbaar te maken en brengen u in contact met werkgevers die juist ervaren mensen zoeken.',
		startWithinWeeks: 2,
		priceMinEuros: 1800,
		priceMaxEuros: 3800,
		regions: ['gelderland', 'utrecht', 'noord_brabant'],
		activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['older', 'highly_educated'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'WGA']
	},
	{
		code: 'schuldenvrij-aan-de-slag',
		name: 'Schuldenvrij aan de Slag',
		type: 'commercial',
		approach:
			'Met schulden is het moeilijk om aan werk te denken. Onze budgetcoach helpt u overzicht te krijgen, terwijl uw werkcoach met u naar banen zoekt. Wij rekenen samen uit dat werken u ook echt meer oplevert.',
		startWithinWeeks: 2,
		priceMinEuros: 1500,
		priceMaxEuros: 3200,
		regions: ['noord_holland', 'flevoland'],
		activities: ['diagnosis', 'social_skills', 'work_first', 'job_mediation', 'case_management'],
		targetGroups: ['debt_problems', 'single_parent', 'hard_to_place'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'taal-en-werk',
		name: 'Taal & Werk Collectief',
		type: 'commercial',
		approach:
			'Bij ons leert u Nederlands op het werk, niet in een klaslokaal. U loopt stage bij een werkgever en krijgt daar twee keer per week taalles. Zo leert u precies de woorden die u in uw werk nodig hebt.',
		startWithinWeeks: 3,
		priceMinEuros: 2000,
		priceMaxEuros: 4300,
		regions: ['zuid_holland', 'noord_holland', 'utrecht'],
		activities: ['diagnosis', 'social_skills', 'schooling', 'work_placement', 'job_mediation', 'aftercare'],
		targetGroups: ['migrant_background', 'low_educated', 'returner'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'hoofdzaak-werk',
		name: 'Hoofdzaak Werk',
		type: 'commercial',
		approach:
			'Wij begeleiden mensen met psychische klachten naar gewoon betaald werk. Eerst zoeken we samen een baan, daarna stemmen we de begeleiding af op wat u op die plek nodig hebt. Uw jobcoach werkt samen met uw behandelaar. U hoeft niet eerst helemaal beter te zijn om te beginnen.',
		startWithinWeeks: 4,
		priceMinEuros: 2600,
		priceMaxEuros: 4800,
		regions: ['overijssel', 'utrecht'],
		activities: ['diagnosis', 'treatment', 'work_placement', 'job_mediation', 'case_management', 'aftercare'],
		targetGroups: ['mental_limitations', 'young'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WIA', 'Wajong', 'bijstand']
	},
	{
		code: 'ijsselwerk',
		name: 'IJsselwerk Loopbaan',
		type: 'commercial',
		approach:
			'Wij zitten in Zwolle, Deventer en Zutphen en kennen de werkgevers langs de IJssel goed. In de eerste week maken we samen uw plan. Daarna solliciteert u met onze hulp gericht bij bedrijven die nu mensen zoeken.',
		startWithinWeeks: 1,
		priceMinEuros: 1500,
		priceMaxEuros: 3400,
		regions: ['overijssel', 'gelderland'],
		activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'easy_to_place', 'older'],
		contractForms: ['no_cure_less_pay'],
		benefitTypes: ['WW', 'WIA', 'bijstand']
	},
	{
		code: 'noorderlicht',
		name: 'Noorderlicht Werkbegeleiding',
		type: 'commercial',
		approach:
			'In het noorden zijn de afstanden groot. Daarom komen wij naar u toe, of spreken we af via beeldbellen. We helpen ook met vervoer naar uw werk, bijvoorbeeld met een tijdelijke reiskostenvergoeding.',
		startWithinWeeks: 3,
		priceMinEuros: 1600,
		priceMaxEuros: 3600,
		regions: ['groningen', 'friesland'],
		activities: ['diagnosis', 'action_plan', 'social_skills', 'work_placement', 'job_mediation', 'aftercare'],
		targetGroups: ['hard_to_place', 'low_educated', 'single_parent'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WW', 'Wajong', 'bijstand']
	},
	// Two that no longer take new clients: the register keeps them, the portal hides them.
	{
		code: 'koersbepaling-advies',
		name: 'Koersbepaling Advies',
		type: 'commercial',
		active: false,
		approach:
			'Wij geven advies over uw loopbaan in drie gesprekken. U krijgt een rapport met uw sterke punten en een lijst met beroepen die bij u passen.',
		startWithinWeeks: 4,
		priceMinEuros: 1000,
		priceMaxEuros: 2500,
		regions: ['zuid_holland'],
		activities: ['diagnosis', 'action_plan', 'job_application_training'],
		targetGroups: ['none_specific'],
		contractForms: ['no_cure_no_pay'],
		benefitTypes: ['WW']
	},
	{
		code: 'plaatsingsbureau-midden',
		name: 'Plaatsingsbureau Midden',
		type: 'commercial',
		active: false,
		approach:
			'Wij bemiddelen snel naar uitzendwerk en tijdelijke banen. Binnen twee weken hebt u uw eerste werkdag.',
		startWithinWeeks: 1,
		priceMinEuros: 1000,
		priceMaxEuros: 2200,
		regions: ['utrecht', 'gelderland'],
		activities: ['work_first', 'vacancy_collection', 'job_mediation'],
		targetGroups: ['easy_to_place'],
		contractForms: ['no_cure_no_pay'],
		benefitTypes: ['WW', 'bijstand']
	},

	// Municipal re-integration organisations (public).
	{
		code: 're-integratie-zwolle',
		name: 'Re-integratie Gemeente Zwolle',
		type: 'municipal_reintegration',
		approach:
			'Wij zijn het re-integratieteam van de gemeente Zwolle. Wij werken samen met de schuldhulp en het wijkteam, dus u hoeft uw verhaal maar één keer te vertellen. Wij kunnen u ook een baan met loonkostensubsidie aanbieden bij een Zwolse werkgever.',
		startWithinWeeks: 2,
		priceMinEuros: 1000,
		priceMaxEuros: 3000,
		regions: ['overijssel'],
		activities: [
			'diagnosis',
			'action_plan',
			'work_first',
			'work_placement',
			'subsidised_work',
			'job_mediation',
			'case_management'
		],
		targetGroups: ['none_specific', 'hard_to_place', 'single_parent', 'debt_problems'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'werkteam-utrecht',
		name: 'Werkteam Gemeente Utrecht',
		type: 'municipal_reintegration',
		approach:
			'Het Werkteam hoort bij de gemeente Utrecht. U krijgt een vaste werkconsulent die uw uitkering en uw traject samen bekijkt. Wij hebben afspraken met meer dan driehonderd Utrechtse werkgevers over stages en banen met begeleiding.',
		startWithinWeeks: 2,
		priceMinEuros: 1000,
		priceMaxEuros: 3200,
		regions: ['utrecht'],
		activities: [
			'diagnosis',
			'action_plan',
			'social_skills',
			'work_placement',
			'subsidised_work',
			'job_mediation',
			'case_management'
		],
		targetGroups: ['none_specific', 'migrant_background', 'young', 'hard_to_place'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'werkroute-groningen',
		name: 'Werkroute Gemeente Groningen',
		type: 'municipal_reintegration',
		approach:
			'Wij starten met een werkfit-programma van acht weken: elke ochtend bent u aanwezig en werkt u aan vaste taken. Zo ontdekken we samen wat u kunt. Daarna zoeken we werk in de stad of in de provincie.',
		startWithinWeeks: 1,
		priceMinEuros: 900,
		priceMaxEuros: 2800,
		regions: ['groningen'],
		activities: ['diagnosis', 'action_plan', 'social_skills', 'work_first', 'job_mediation', 'aftercare'],
		targetGroups: ['hard_to_place', 'low_educated', 'young'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'werkstroom-eindhoven',
		name: 'Werkstroom Gemeente Eindhoven',
		type: 'municipal_reintegration',
		approach:
			'In de regio Eindhoven zijn veel technici nodig. Samen met scholen en bedrijven bieden wij korte technische opleidingen met een baangarantie. Wilt u geen techniek, dan helpen wij u in de zorg, de schoonmaak of de horeca.',
		startWithinWeeks: 2,
		priceMinEuros: 1100,
		priceMaxEuros: 3100,
		regions: ['noord_brabant'],
		activities: ['diagnosis', 'action_plan', 'schooling', 'work_placement', 'subsidised_work', 'job_mediation'],
		targetGroups: ['migrant_background', 'low_educated', 'returner'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'banenteam-rotterdam',
		name: 'Banenteam Gemeente Rotterdam',
		type: 'municipal_reintegration',
		approach:
			'Wij zijn de afdeling werk van de gemeente Rotterdam. Op onze wekelijkse banenmarkt ontmoet u werkgevers die mensen zoeken. Als u dat wilt, gaan wij mee naar uw sollicitatiegesprek.',
		startWithinWeeks: 1,
		priceMinEuros: 900,
		priceMaxEuros: 2600,
		regions: ['zuid_holland'],
		activities: ['diagnosis', 'work_first', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'hard_to_place', 'migrant_background'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},

	// The gemeenten's own social services (public).
	{
		code: 'sociale-dienst-hanzesteden',
		name: 'Sociale Dienst Hanzesteden',
		type: 'social_service',
		approach:
			'Wij zijn de gezamenlijke sociale dienst van drie gemeenten langs de IJssel. Uw klantmanager regelt uw uitkering en uw traject tegelijk. Wij beginnen met wat u al doet en kunt, ook als dat vrijwilligerswerk of mantelzorg is.',
		startWithinWeeks: 3,
		priceMinEuros: 800,
		priceMaxEuros: 2600,
		regions: ['overijssel', 'gelderland'],
		activities: ['diagnosis', 'social_skills', 'work_placement', 'subsidised_work', 'case_management'],
		targetGroups: ['hard_to_place', 'debt_problems', 'addiction', 'single_parent'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'sociale-dienst-vechtstreek',
		name: 'Sociale Dienst Vechtstreek Midden',
		type: 'social_service',
		approach:
			'Wij helpen inwoners die lang niet gewerkt hebben om weer mee te doen. Eerst zoeken we samen een plek waar u ervaring opdoet, bijvoorbeeld als vrijwilliger. Daarna maken we de stap naar betaald werk, in uw eigen tempo.',
		startWithinWeeks: 2,
		priceMinEuros: 900,
		priceMaxEuros: 2700,
		regions: ['utrecht'],
		activities: ['diagnosis', 'action_plan', 'social_skills', 'work_placement', 'case_management', 'aftercare'],
		targetGroups: ['returner', 'single_parent', 'older'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'sociale-dienst-heuvelland',
		name: 'Sociale Dienst Heuvelland-Zuid',
		type: 'social_service',
		approach:
			'Wij werken met een vast team van klantmanagers en een eigen arbeidsdeskundige. Maakt uw gezondheid werken lastig, dan zoeken we werk dat toch lukt, zo nodig met loonkostensubsidie. Elke drie maanden bespreken we met u hoe het gaat.',
		startWithinWeeks: 3,
		priceMinEuros: 1000,
		priceMaxEuros: 2900,
		regions: ['limburg'],
		activities: ['diagnosis', 'treatment', 'work_placement', 'subsidised_work', 'case_management'],
		targetGroups: ['physical_limitations', 'mental_limitations', 'older'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'sociale-dienst-lage-landen',
		name: 'Sociale Dienst Lage Landen',
		type: 'social_service',
		approach:
			'Wij zijn de sociale dienst van vier Zeeuwse gemeenten. Iedereen die kan werken, begint bij ons met een werkervaringsplek van drie maanden. Zo laten we werkgevers zien wat u kunt.',
		startWithinWeeks: 2,
		priceMinEuros: 900,
		priceMaxEuros: 2500,
		regions: ['zeeland'],
		activities: ['diagnosis', 'action_plan', 'work_first', 'work_placement', 'job_mediation', 'case_management'],
		targetGroups: ['none_specific', 'hard_to_place', 'migrant_background'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},
	{
		code: 'sociale-dienst-wadkust',
		name: 'Sociale Dienst Wadkust',
		type: 'social_service',
		approach:
			'Wij werken in de dorpen langs de Waddenkust, waar werk soms ver weg is. Wij helpen met vervoer en zoeken werk dicht bij huis. Uw klantmanager komt voor het eerste gesprek bij u thuis.',
		startWithinWeeks: 3,
		priceMinEuros: 800,
		priceMaxEuros: 2400,
		regions: ['friesland', 'groningen'],
		activities: ['diagnosis', 'action_plan', 'social_skills', 'work_placement', 'case_management', 'aftercare'],
		targetGroups: ['hard_to_place', 'low_educated', 'older'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand']
	},

	// SW-bedrijven, sheltered employment (semi-public).
	{
		code: 'sw-lijnwerk',
		name: 'SW-bedrijf Lijnwerk',
		type: 'sheltered_employment',
		approach:
			'In onze werkplaatsen doet u inpak-, montage- en groenwerk met begeleiding. U leert een vak in uw eigen tempo. Als het kan, detacheren wij u bij een gewone werkgever, met een jobcoach erbij.',
		startWithinWeeks: 2,
		priceMinEuros: 1500,
		priceMaxEuros: 3800,
		regions: ['utrecht'],
		activities: ['diagnosis', 'social_skills', 'schooling', 'work_placement', 'subsidised_work', 'aftercare'],
		targetGroups: ['physical_limitations', 'mental_limitations', 'hard_to_place'],
		contractForms: ['fixed_price'],
		benefitTypes: ['Wajong', 'bijstand']
	},
	{
		code: 'sw-handwerk-oost',
		name: 'SW-bedrijf Handwerk Oost',
		type: 'sheltered_employment',
		approach:
			'Wij hebben een metaalwerkplaats, een drukkerij en een schoonmaakdienst. U werkt in een team met een vaste leidinggevende en haalt onderweg een vakcertificaat. Na een jaar kijken we samen of u de stap naar een baan buiten ons bedrijf kunt zetten.',
		startWithinWeeks: 3,
		priceMinEuros: 1800,
		priceMaxEuros: 4200,
		regions: ['overijssel', 'gelderland'],
		activities: ['diagnosis', 'dual_learning', 'work_placement', 'subsidised_work', 'job_mediation', 'aftercare'],
		targetGroups: ['physical_limitations', 'low_educated', 'hard_to_place'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WIA', 'Wajong', 'bijstand']
	},
	{
		code: 'sw-schakelbank',
		name: 'SW-bedrijf De Schakelbank',
		type: 'sheltered_employment',
		approach:
			'De Schakelbank is een beschutte werkplek voor mensen die extra steun nodig hebben. U werkt in een kleine, rustige groep en bepaalt samen met uw begeleider hoeveel uur u werkt. Groeien mag, maar het hoeft niet.',
		startWithinWeeks: 2,
		priceMinEuros: 1600,
		priceMaxEuros: 3900,
		regions: ['noord_holland', 'flevoland'],
		activities: ['diagnosis', 'social_skills', 'work_placement', 'subsidised_work', 'case_management'],
		targetGroups: ['mental_limitations', 'addiction', 'hard_to_place'],
		contractForms: ['fixed_price'],
		benefitTypes: ['Wajong', 'bijstand']
	},
	{
		code: 'sw-maasoever',
		name: 'SW-bedrijf Maasoever',
		type: 'sheltered_employment',
		approach:
			'Wij werken voor bedrijven langs de Maas, in productie, logistiek en catering. U begint in onze eigen werkplaats en stroomt door naar een werkplek bij een van onze klanten. Onze leermeesters helpen u op de werkvloer.',
		startWithinWeeks: 2,
		priceMinEuros: 1700,
		priceMaxEuros: 4000,
		regions: ['limburg', 'noord_brabant'],
		activities: ['diagnosis', 'schooling', 'work_placement', 'subsidised_work', 'job_mediation'],
		targetGroups: ['physical_limitations', 'low_educated', 'older'],
		contractForms: ['fixed_price', 'no_cure_less_pay'],
		benefitTypes: ['WGA', 'Wajong', 'bijstand']
	},
	{
		code: 'sw-veenkracht',
		name: 'SW-bedrijf Veenkracht',
		type: 'sheltered_employment',
		approach:
			'Wij bieden werk in de bosbouw, de recycling en onze kringloopwinkels. U werkt met vaste collega’s en een vaste begeleider. Wie meer wil, helpen wij aan een plek bij een gewone werkgever in de buurt.',
		startWithinWeeks: 3,
		priceMinEuros: 1500,
		priceMaxEuros: 3600,
		regions: ['drenthe', 'groningen'],
		activities: ['diagnosis', 'social_skills', 'work_placement', 'subsidised_work', 'aftercare'],
		targetGroups: ['hard_to_place', 'mental_limitations', 'low_educated'],
		contractForms: ['fixed_price'],
		benefitTypes: ['Wajong', 'bijstand']
	},

	// Companies owned by or spun off from gemeenten (semi-public).
	{
		code: 'werkvloer-overijssel',
		name: 'Werkvloer Overijssel BV',
		type: 'municipal_company',
		approach:
			'Wij zijn een werkbedrijf, opgericht door vijf gemeenten in Overijssel. U gaat direct aan het werk bij een werkgever, en wij blijven uw aanspreekpunt zolang dat nodig is. Na zes maanden proberen we samen met de werkgever een vast contract te regelen.',
		startWithinWeeks: 2,
		priceMinEuros: 1400,
		priceMaxEuros: 3500,
		regions: ['overijssel'],
		activities: ['diagnosis', 'work_first', 'work_placement', 'subsidised_work', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'hard_to_place', 'older'],
		contractForms: ['no_cure_less_pay', 'fixed_price'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'utrechtse-werkmaatschappij',
		name: 'Utrechtse Werkmaatschappij',
		type: 'municipal_company',
		approach:
			'Wij zijn een bedrijf van de gemeente, maar we werken zakelijk. U leert een vak in een van onze leerbedrijven: een fietsenmakerij, een restaurant of een bouwplaats. Met uw praktijkverklaring helpen we u aan een baan in de regio.',
		startWithinWeeks: 2,
		priceMinEuros: 1600,
		priceMaxEuros: 3900,
		regions: ['utrecht', 'gelderland'],
		activities: ['diagnosis', 'action_plan', 'dual_learning', 'work_placement', 'job_mediation', 'aftercare'],
		targetGroups: ['young', 'low_educated', 'migrant_background'],
		contractForms: ['fixed_price'],
		benefitTypes: ['Wajong', 'bijstand']
	},
	{
		code: 'werkhaven-rijnmond',
		name: 'Werkhaven Rijnmond BV',
		type: 'municipal_company',
		approach:
			'Wij zijn afgesplitst van de sociale dienst en werken nu samen met bedrijven in de haven. U volgt bij ons een korte opleiding voor een havenberoep, zoals heftruckchauffeur of lasser. Daarna gaat u aan het werk bij een van onze partners.',
		startWithinWeeks: 3,
		priceMinEuros: 1900,
		priceMaxEuros: 4400,
		regions: ['zuid_holland'],
		activities: ['diagnosis', 'schooling', 'dual_learning', 'work_placement', 'job_mediation'],
		targetGroups: ['low_educated', 'young', 'migrant_background'],
		contractForms: ['fixed_price', 'no_cure_less_pay'],
		benefitTypes: ['WW', 'bijstand']
	},
	{
		code: 'brabantse-banenwerkplaats',
		name: 'Brabantse Banenwerkplaats BV',
		type: 'municipal_company',
		approach:
			'Wij zijn van zes Brabantse gemeenten. Wij zoeken werk bij bedrijven die maatschappelijk willen ondernemen en passen het werk zo nodig aan u aan. U krijgt een jobcoach zolang u die nodig hebt.',
		startWithinWeeks: 2,
		priceMinEuros: 1500,
		priceMaxEuros: 3600,
		regions: ['noord_brabant', 'zeeland'],
		activities: ['diagnosis', 'action_plan', 'work_placement', 'subsidised_work', 'job_mediation', 'case_management'],
		targetGroups: ['hard_to_place', 'physical_limitations', 'none_specific'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WIA', 'bijstand']
	},
	{
		code: 'friese-werkmaatschappij',
		name: 'Friese Werkmaatschappij',
		type: 'municipal_company',
		approach:
			'Wij zijn opgericht door Friese gemeenten om mensen sneller aan werk te helpen. U werkt mee in de zorg, de landbouw of de recreatie en krijgt daar een praktijkopleiding. Wij spreken ook Fries, als u dat prettig vindt.',
		startWithinWeeks: 2,
		priceMinEuros: 1300,
		priceMaxEuros: 3300,
		regions: ['friesland'],
		activities: ['diagnosis', 'schooling', 'work_first', 'work_placement', 'job_mediation', 'aftercare'],
		targetGroups: ['none_specific', 'low_educated', 'returner'],
		contractForms: ['fixed_price'],
		benefitTypes: ['WW', 'bijstand']
	}
];

// Area code of the provider's first region; a national provider gets a 088 business number.
const areaCodes: Record<Region, string> = {
	groningen: '050',
	friesland: '058',
	drenthe: '0592',
	overijssel: '038',
	flevoland: '036',
	gelderland: '026',
	utrecht: '030',
	noord_holland: '020',
	zuid_holland: '010',
	zeeland: '0118',
	noord_brabant: '040',
	limburg: '043'
};

function phoneFor(entry: Entry, index: number): string {
	const area = entry.regions.length === regions.length ? '088' : areaCodes[entry.regions[0] ?? 'utrecht'];
	// A fixed permutation of the index, so that numbers look varied but never change between runs.
	const digits = String(2_000_000 + (((index + 1) * 7_919_371) % 7_000_000)).slice(0, 10 - area.length);
	return area.length === 3
		? `${area} ${digits.slice(0, 3)} ${digits.slice(3)}`
		: `${area} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
}

export const demoProviders: readonly DemoProvider[] = entries.map((entry, index) => ({
	...entry,
	id: demoProviderId(entry.code),
	active: entry.active ?? true,
	email: `info@${entry.code}.example`,
	phone: phoneFor(entry, index),
	website: `https://www.${entry.code}.example`
}));
