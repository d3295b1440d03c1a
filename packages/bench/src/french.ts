/** French source lists of the generator (the same first and last names as the demo seed). */
const names = (list: string): string[] => list.split(', ');

export const FIRST_NAMES = names(
  'Marie, Camille, Julie, Claire, Anne, Isabelle, Nathalie, Céline, Émilie, Laure, ' +
    'Catherine, Valérie, Sandrine, Aurélie, Élodie, Caroline, Florence, Cécile, Virginie, ' +
    'Agnès, Marion, Pauline, Charlotte, Mathilde, Lucie, Delphine, Christine, Véronique, ' +
    'Béatrice, Anne-Sophie, Marie-Claire, Géraldine, Françoise, Sylvie, Manon, Léa, Chloé, ' +
    'Inès, Yasmina, Amina, Nadège, Estelle, Laëtitia, Solène, Gaëlle, Maëlle, Brigitte, ' +
    'Martine, Odile, Armelle, Jean, Pierre, Philippe, Nicolas, Laurent, François, Thomas, ' +
    'Julien, Olivier, Stéphane, Christophe, Frédéric, Éric, Antoine, Guillaume, Vincent, ' +
    'Sébastien, Jérôme, Bruno, Alain, Patrick, Didier, Mathieu, Benoît, Xavier, Yannick, ' +
    'Karim, Mehdi, Hugo, Lucas, Gilles, Thierry, Jean-Luc, Jean-Marc, Loïc, Rémi, Damien, ' +
    'Hervé, Bertrand, Arnaud',
);

export const LAST_NAMES = names(
  'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Simon, Laurent, ' +
    'Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, ' +
    'André, Lefèvre, Mercier, Dupont, Bonnet, François, Martinez, Legrand, Faure, Blanc, ' +
    'Guérin, Muller, Henry, Roussel, Nicolas, Perrin, Morin, Mathieu, Clément, Gauthier, ' +
    'Dumont, Lopez, Fontaine, Chevalier, Robin, Masson, Sanchez, Gérard, Nguyen, Boyer, ' +
    'Denis, Lemaire, Duval, Joly, Gautier, Roger, Roche, Roy, Noël, Meyer, Lucas, Meunier, ' +
    'Pérez, Marchand, Dufour, Blanchard, Barbier, Brun, Dumas, Brunet, Schmitt, Leroux, ' +
    'Colin, Fernandez, Renard, Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal, ' +
    'Bourgeois, Renaud, Lemoine, Picard, Gaillard, Lacroix, Fabre, Dupuis, Olivier, ' +
    'Da Silva, Hubert, Guillot, Rivière, Le Gall, Le Goff, Adam, Rey, Moulin, Berger, ' +
    'Lecomte, Ménard, Fleury, Deschamps, Carpentier, Maillard, Marchal, Aubry, Vasseur, ' +
    'Le Roux, Renault, Jacquet, Prévost, Poirier, Charpentier, Royer, Huet, Baron, Dupuy, ' +
    'Pons, Carré, Breton, Rémy, Schneider, Perrot, Guyot, Marty, Cousin, Haddad, Bouzid, ' +
    'Diallo, Traoré, Mansouri, Kaci, Le Bihan, Quéméner, Etcheverry, Lagarde',
);

export const CITIES = names(
  'Poitiers, Niort, La Rochelle, Angoulême, Tours, Orléans, Blois, Chartres, Bourges, ' +
    'Châteauroux, Paris, Versailles, Créteil, Nanterre, Saint-Denis, Évry, Lyon, Grenoble, ' +
    'Saint-Étienne, Clermont-Ferrand, Annecy, Chambéry, Valence, Villeurbanne, Roanne, ' +
    'Vichy, Bordeaux, Limoges, Nantes, Rennes, Brest, Lille, Amiens, Rouen, Caen, Le Mans, ' +
    'Dijon, Besançon, Strasbourg, Metz, Nancy, Reims, Toulouse, Montpellier, Marseille, ' +
    'Nice, Toulon, Perpignan, Pau, Bayonne',
);

export const GROUP_WORDS = names(
  'Pratiques, Santé-Travail, Entre pairs, Horizons, Prévention, Maintien en emploi, ' +
    'Risques, Ergonomie, Regards croisés, Clinique du travail',
);

export const CASE_TITLES = names(
  'Lombalgie chronique chez un cariste, Épuisement professionnel d’une aide-soignante, ' +
    'Exposition aux solvants en atelier de peinture, Retour au poste après un arrêt long, ' +
    'Troubles du sommeil et travail de nuit, Allergie au latex en milieu hospitalier, ' +
    'Tendinopathie de l’épaule chez une caissière, Harcèlement moral signalé en entretien, ' +
    'Inaptitude et reclassement d’un chauffeur, Exposition au bruit en menuiserie, ' +
    'Asthme professionnel d’un boulanger, Risque biologique en laboratoire d’analyses',
);

/** Paragraphs of pseudonymised case content (no names, dates or identifiers). */
export const PARAGRAPHS = [
  'Salarié de quarante ans, poste de manutention depuis huit ans, port de charges répété et postures contraignantes décrites lors de la visite.',
  'La salariée décrit une charge de travail croissante, des interruptions fréquentes et un sentiment de ne plus pouvoir bien faire son travail.',
  'Douleurs lombaires apparues progressivement, aggravées en fin de poste, sans irradiation, améliorées par le repos du week-end.',
  'Exposition aux solvants organiques lors du nettoyage des machines, sans captage à la source, gants portés de façon irrégulière.',
  'Le lien entre l’état de santé et le travail paraît probable au vu de la chronologie et de l’amélioration pendant les congés.',
  'Une étude de poste a été proposée à l’employeur, avec des mesures d’aménagement temporaire et un suivi rapproché.',
  'Le groupe s’interroge sur l’opportunité d’une déclaration de maladie professionnelle et sur l’information due au salarié.',
  'Travail posté en trois-huit, troubles du sommeil installés depuis deux ans, prise de somnifères occasionnelle.',
  'L’entreprise compte une centaine de salariés, le service de santé au travail est interentreprises et suit plusieurs sites.',
  'Une alerte a été adressée à l’employeur sur le risque identifié, avec des préconisations écrites et un délai de réponse.',
  'Les échanges du groupe ont porté sur la traçabilité des expositions et sur la rédaction du dossier médical en santé au travail.',
  'Reprise envisagée à temps partiel thérapeutique, avec un aménagement du poste et une limitation du port de charges.',
  'La question du maintien dans l’emploi se pose, le reclassement dans l’entreprise paraît difficile sans formation.',
  'Le secrétaire de séance note le consensus du groupe sur la conduite à tenir et les références citées.',
  'Les recommandations de bonne pratique ont été relues ensemble, ainsi que les tableaux de maladies professionnelles.',
  'Aucun signe de gravité à l’examen, mais une fatigue importante et une irritabilité rapportées par l’entourage professionnel.',
];
