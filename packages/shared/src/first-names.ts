/**
 * Common French first names (lower case, without accents), for the pseudonymisation guard's
 * « Jean Dupont » pattern. Drawn from the most given names in France over the working-age
 * generations. Names that are also everyday capitalised words in a case (France, Marine, Rose,
 * Aurore, Victoire, Ange…) are left out on purpose: a false alarm on « France Travail » would teach
 * authors to ignore the guard.
 */
export const FRENCH_FIRST_NAMES: ReadonlySet<string> = new Set(
  `
  adrien agnes alain alexandra alexandre alice alexis amandine amelie anais andre angelique anne
  annie antoine arnaud arthur audrey aurelie baptiste benjamin benoit bernard brigitte bruno camille
  caroline catherine cecile celine chantal charles charlotte christian christiane christine
  christophe claire claude claudine clement colette corinne cyril damien daniel danielle david
  delphine denis denise didier dominique elisabeth elise elodie emilie emma emmanuel emmanuelle eric
  estelle etienne fabien fabienne fabrice florence florian francis francoise francois frederic
  gabriel gaelle genevieve georges gerard gilbert gilles guillaume guy helene henri herve hugo
  isabelle jacqueline jacques jean jeanne jeremy jerome joel jonathan josette joseph julie julien
  juliette karine kevin laetitia laura laurence laurent lea lionel louis louise luc lucas lucie
  manon marc marcel margaux marguerite maria marie martine mathieu mathilde matthieu
  maxime melanie michel micheline michele mickael monique muriel nadia nadine nathalie nicolas
  nicole noemie odette olivier pascal pascale patrice patricia patrick paul paulette philippe pierre
  quentin raphael raymond regis remi renee richard robert roger romain sabine sandrine sarah
  sebastien serge simone sonia sophie stephane stephanie suzanne sylvain sylvie theo thierry thomas
  valerie vanessa veronique vincent virginie xavier yannick yves yvette yvonne
  `
    .split(/\s+/)
    .filter(Boolean),
);
