"""Generate src/diplograph/registry/data/countries.yaml and cities.yaml.

Run once by hand (`python scripts/build_countries.py`); the YAML files are committed and are
what the package reads. pycountry supplies the ISO 3166-1 base (alpha-2, ISO names, official
names); everything else (common names, demonyms, capitals, former names, historical states,
cities) is written by hand below, because no installed package carries it.

Table rows: ISO3|display name|capital|region code|demonyms|aliases|former|acronyms
  lists are ';'-separated; a former name is `Name@from-to` (either year may be empty).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pycountry
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "registry" / "data"

REGIONS = {
    "NAF": "Northern Africa", "EAF": "Eastern Africa", "MAF": "Middle Africa",
    "SAF": "Southern Africa", "WAF": "Western Africa", "CAR": "Caribbean",
    "CAM": "Central America", "SAM": "South America", "NAM": "Northern America",
    "CAS": "Central Asia", "EAS": "Eastern Asia", "SEA": "South-eastern Asia",
    "SAS": "Southern Asia", "WAS": "Western Asia", "EEU": "Eastern Europe",
    "NEU": "Northern Europe", "SEU": "Southern Europe", "WEU": "Western Europe",
    "ANZ": "Australia and New Zealand", "MEL": "Melanesia", "MIC": "Micronesia",
    "POL": "Polynesia", "ANT": "Antarctica",
}

# Every ISO 3166-1 entry. Demonyms hold adjectives and people nouns (singular and plural).
# "Congolese" and "Dominican" are listed once, for DR Congo and the Dominican Republic (the usual
# referents); the Republic of the Congo and Dominica share them and list none.
COUNTRIES = r"""
ABW|Aruba|Oranjestad|CAR|Aruban;Arubans|||
AFG|Afghanistan|Kabul|SAS|Afghan;Afghans;Afghanistani|Islamic Republic of Afghanistan;Islamic Emirate of Afghanistan||
AGO|Angola|Luanda|MAF|Angolan;Angolans|Republic of Angola||
AIA|Anguilla||CAR|Anguillan;Anguillans|||
ALA|Åland Islands|Mariehamn|NEU|Ålander;Ålanders|Åland||
ALB|Albania|Tirana|SEU|Albanian;Albanians|Republic of Albania||
AND|Andorra|Andorra la Vella|SEU|Andorran;Andorrans|Principality of Andorra||
ARE|United Arab Emirates|Abu Dhabi|WAS|Emirati;Emiratis|the Emirates|Trucial States@-1971|UAE;U.A.E.
ARG|Argentina|Buenos Aires|SAM|Argentine;Argentines;Argentinian;Argentinians|Argentine Republic||
ARM|Armenia|Yerevan|WAS|Armenian;Armenians|Republic of Armenia|Armenian SSR@1920-1991;Armenian Soviet Socialist Republic@1920-1991|
ASM|American Samoa|Pago Pago|POL|American Samoan;American Samoans|||
ATA|Antarctica||ANT||||
ATF|French Southern Territories||EAF||French Southern and Antarctic Lands||TAAF
ATG|Antigua and Barbuda|St. John's|CAR|Antiguan;Antiguans;Barbudan;Barbudans|Antigua||
AUS|Australia|Canberra|ANZ|Australian;Australians|Commonwealth of Australia||
AUT|Austria|Vienna|WEU|Austrian;Austrians|Republic of Austria||
AZE|Azerbaijan|Baku|WAS|Azerbaijani;Azerbaijanis;Azeri;Azeris;Azerbaijanian|Republic of Azerbaijan;Azerbaijan Republic|Azerbaijan SSR@1920-1991;Azerbaijan Soviet Socialist Republic@1920-1991|
BDI|Burundi|Gitega|EAF|Burundian;Burundians|Republic of Burundi||
BEL|Belgium|Brussels|WEU|Belgian;Belgians|Kingdom of Belgium||
BEN|Benin|Porto-Novo|WAF|Beninese|Republic of Benin|Dahomey@1958-1975|
BES|Caribbean Netherlands|Kralendijk|CAR||Bonaire, Sint Eustatius and Saba;Bonaire||
BFA|Burkina Faso|Ouagadougou|WAF|Burkinabe;Burkinabè|Burkina|Upper Volta@1958-1984|
BGD|Bangladesh|Dhaka|SAS|Bangladeshi;Bangladeshis|People's Republic of Bangladesh|East Pakistan@1955-1971|
BGR|Bulgaria|Sofia|EEU|Bulgarian;Bulgarians|Republic of Bulgaria|People's Republic of Bulgaria@1946-1990|
BHR|Bahrain|Manama|WAS|Bahraini;Bahrainis|Kingdom of Bahrain||
BHS|Bahamas|Nassau|CAR|Bahamian;Bahamians|The Bahamas;the Bahamas;Commonwealth of the Bahamas||
BIH|Bosnia and Herzegovina|Sarajevo|SEU|Bosnian;Bosnians;Herzegovinian;Herzegovinians|Bosnia-Herzegovina;Bosnia & Herzegovina;Bosnia||BiH
BLM|Saint Barthélemy|Gustavia|CAR||St. Barthélemy;St Barthélemy;Saint Barts;St. Barts||
BLR|Belarus|Minsk|EEU|Belarusian;Belarusians;Belarussian;Byelorussian|Republic of Belarus|Byelorussia@-1991;Belorussia@-1991;Byelorussian SSR@1922-1991|
BLZ|Belize|Belmopan|CAM|Belizean;Belizeans||British Honduras@1862-1973|
BMU|Bermuda||NAM|Bermudian;Bermudians|||
BOL|Bolivia|Sucre|SAM|Bolivian;Bolivians|Plurinational State of Bolivia;Republic of Bolivia||
BRA|Brazil|Brasília|SAM|Brazilian;Brazilians|Federative Republic of Brazil;Brasil||
BRB|Barbados|Bridgetown|CAR|Barbadian;Barbadians;Bajan;Bajans|||
BRN|Brunei|Bandar Seri Begawan|SEA|Bruneian;Bruneians|Brunei Darussalam;Nation of Brunei||
BTN|Bhutan|Thimphu|SAS|Bhutanese|Kingdom of Bhutan||
BVT|Bouvet Island||SAM||||
BWA|Botswana|Gaborone|SAF|Motswana;Batswana;Botswanan|Republic of Botswana|Bechuanaland@1885-1966|
CAF|Central African Republic|Bangui|MAF|Central African;Central Africans||Central African Empire@1976-1979;Ubangi-Shari@1903-1958|
CAN|Canada|Ottawa|NAM|Canadian;Canadians|||
CCK|Cocos (Keeling) Islands||ANZ||Cocos Islands;Keeling Islands||
CHE|Switzerland|Bern|WEU|Swiss|Swiss Confederation;Confoederatio Helvetica||
CHL|Chile|Santiago|SAM|Chilean;Chileans|Republic of Chile||
CHN|China|Beijing|EAS|Chinese|People's Republic of China;Mainland China||PRC;P.R.C.
CIV|Côte d'Ivoire|Yamoussoukro|WAF|Ivorian;Ivorians|Ivory Coast;Republic of Côte d'Ivoire;Republic of Cote d'Ivoire||
CMR|Cameroon|Yaoundé|MAF|Cameroonian;Cameroonians|Republic of Cameroon||
COD|Democratic Republic of the Congo|Kinshasa|MAF|Congolese|Democratic Republic of Congo;DR Congo;D.R. Congo;Congo-Kinshasa;Congo, The Democratic Republic of the|Zaire@1971-1997;Republic of Zaire@1971-1997;Belgian Congo@1908-1960|DRC;DROC
COG|Republic of the Congo|Brazzaville|MAF||Congo;Republic of Congo;Congo-Brazzaville;Congo Republic||
COK|Cook Islands|Avarua|POL|Cook Islander;Cook Islanders|||
COL|Colombia|Bogotá|SAM|Colombian;Colombians|Republic of Colombia||
COM|Comoros|Moroni|EAF|Comorian;Comorians|the Comoros;Union of the Comoros||
CPV|Cabo Verde|Praia|WAF|Cape Verdean;Cape Verdeans;Cabo Verdean;Cabo Verdeans|Cape Verde;Republic of Cabo Verde||
CRI|Costa Rica|San José|CAM|Costa Rican;Costa Ricans|Republic of Costa Rica||
CUB|Cuba|Havana|CAR|Cuban;Cubans|Republic of Cuba||
CUW|Curaçao|Willemstad|CAR|Curaçaoan;Curaçaoans|||
CXR|Christmas Island|Flying Fish Cove|ANZ||||
CYM|Cayman Islands|George Town|CAR|Caymanian;Caymanians|the Caymans||
CYP|Cyprus|Nicosia|WAS|Cypriot;Cypriots|Republic of Cyprus||
CZE|Czechia|Prague|EEU|Czech;Czechs|Czech Republic|Czech Republic@1993-2016|
DEU|Germany|Berlin|WEU|German;Germans|Federal Republic of Germany;Deutschland|West Germany@1949-1990|FRG;BRD
DJI|Djibouti|Djibouti City|EAF|Djiboutian;Djiboutians|Republic of Djibouti|French Somaliland@1896-1967;French Territory of the Afars and the Issas@1967-1977|
DMA|Dominica|Roseau|CAR||Commonwealth of Dominica||
DNK|Denmark|Copenhagen|NEU|Danish;Dane;Danes|Kingdom of Denmark||
DOM|Dominican Republic|Santo Domingo|CAR|Dominican;Dominicans|||
DZA|Algeria|Algiers|NAF|Algerian;Algerians|People's Democratic Republic of Algeria||
ECU|Ecuador|Quito|SAM|Ecuadorian;Ecuadorians;Ecuadorean;Ecuadoreans|Republic of Ecuador||
EGY|Egypt|Cairo|NAF|Egyptian;Egyptians|Arab Republic of Egypt||
ERI|Eritrea|Asmara|EAF|Eritrean;Eritreans|State of Eritrea||
ESH|Western Sahara|Laayoune|NAF|Sahrawi;Sahrawis;Western Saharan|Sahrawi Arab Democratic Republic||
ESP|Spain|Madrid|SEU|Spanish;Spaniard;Spaniards|Kingdom of Spain;España||
EST|Estonia|Tallinn|NEU|Estonian;Estonians|Republic of Estonia|Estonian SSR@1940-1991|
ETH|Ethiopia|Addis Ababa|EAF|Ethiopian;Ethiopians|Federal Democratic Republic of Ethiopia|Abyssinia@-1936|
FIN|Finland|Helsinki|NEU|Finnish;Finn;Finns|Republic of Finland||
FJI|Fiji|Suva|MEL|Fijian;Fijians|Republic of Fiji||
FLK|Falkland Islands||SAM|Falkland Islander;Falkland Islanders|Falklands;Malvinas;Islas Malvinas||
FRA|France|Paris|WEU|French;Frenchman;Frenchmen;Frenchwoman|French Republic||
FRO|Faroe Islands|Tórshavn|NEU|Faroese|Faroes;Faeroe Islands||
FSM|Micronesia|Palikir|MIC|Micronesian;Micronesians|Federated States of Micronesia||
GAB|Gabon|Libreville|MAF|Gabonese|Gabonese Republic||
GBR|United Kingdom|London|NEU|British;Briton;Britons;Brit;Brits|the United Kingdom;United Kingdom of Great Britain and Northern Ireland;Great Britain;Britain;England;Scotland;Wales;Northern Ireland||UK;U.K.
GEO|Georgia|Tbilisi|WAS|Georgian;Georgians|Sakartvelo|Georgian SSR@1921-1991;Georgian Soviet Socialist Republic@1921-1991|
GGY|Guernsey|St. Peter Port|NEU||Bailiwick of Guernsey||
GHA|Ghana|Accra|WAF|Ghanaian;Ghanaians|Republic of Ghana|Gold Coast@1821-1957|
GIB|Gibraltar||SEU|Gibraltarian;Gibraltarians|||
GIN|Guinea|Conakry|WAF|Guinean;Guineans|Republic of Guinea;Guinea-Conakry|French Guinea@1891-1958|
GLP|Guadeloupe|Basse-Terre|CAR|Guadeloupean;Guadeloupeans|||
GMB|Gambia|Banjul|WAF|Gambian;Gambians|The Gambia;the Gambia;Republic of the Gambia||
GNB|Guinea-Bissau|Bissau|WAF|Bissau-Guinean;Bissau-Guineans|Republic of Guinea-Bissau|Portuguese Guinea@-1974|
GNQ|Equatorial Guinea|Malabo|MAF|Equatorial Guinean;Equatorial Guineans;Equatoguinean;Equatoguineans|Republic of Equatorial Guinea|Spanish Guinea@-1968|
GRC|Greece|Athens|SEU|Greek;Greeks|Hellenic Republic;Hellas||
GRD|Grenada|St. George's|CAR|Grenadian;Grenadians|||
GRL|Greenland|Nuuk|NAM|Greenlandic;Greenlander;Greenlanders|||
GTM|Guatemala|Guatemala City|CAM|Guatemalan;Guatemalans|Republic of Guatemala||
GUF|French Guiana|Cayenne|SAM|French Guianese|||
GUM|Guam|Hagåtña|MIC|Guamanian;Guamanians|||
GUY|Guyana|Georgetown|SAM|Guyanese|Co-operative Republic of Guyana|British Guiana@-1966|
HKG|Hong Kong||EAS|Hong Konger;Hong Kongers;Hongkonger;Hongkongers|Hong Kong SAR;Hong Kong Special Administrative Region||HKSAR
HMD|Heard Island and McDonald Islands||ANZ||||
HND|Honduras|Tegucigalpa|CAM|Honduran;Hondurans|Republic of Honduras||
HRV|Croatia|Zagreb|SEU|Croatian;Croatians;Croat;Croats|Republic of Croatia;Hrvatska||
HTI|Haiti|Port-au-Prince|CAR|Haitian;Haitians|Republic of Haiti||
HUN|Hungary|Budapest|EEU|Hungarian;Hungarians||Hungarian People's Republic@1949-1989|
IDN|Indonesia|Jakarta|SEA|Indonesian;Indonesians|Republic of Indonesia|Dutch East Indies@-1945|
IMN|Isle of Man||NEU|Manx|||
IND|India|New Delhi|SAS|Indian;Indians|Republic of India;Bharat||
IOT|British Indian Ocean Territory||EAF||Chagos Archipelago;Chagos Islands||BIOT
IRL|Ireland|Dublin|NEU|Irish|Republic of Ireland;Éire||
IRN|Iran|Tehran|SAS|Iranian;Iranians|Islamic Republic of Iran|Persia@-1935|
IRQ|Iraq|Baghdad|WAS|Iraqi;Iraqis|Republic of Iraq||
ISL|Iceland|Reykjavík|NEU|Icelandic;Icelander;Icelanders|Republic of Iceland||
ISR|Israel|Jerusalem|WAS|Israeli;Israelis|State of Israel||
ITA|Italy|Rome|SEU|Italian;Italians|Italian Republic;Italia||
JAM|Jamaica|Kingston|CAR|Jamaican;Jamaicans|||
JEY|Jersey|St. Helier|NEU||Bailiwick of Jersey||
JOR|Jordan|Amman|WAS|Jordanian;Jordanians|Hashemite Kingdom of Jordan|Transjordan@1921-1949;Emirate of Transjordan@1921-1946|
JPN|Japan|Tokyo|EAS|Japanese|Nippon||
KAZ|Kazakhstan|Astana|CAS|Kazakh;Kazakhs;Kazakhstani;Kazakhstanis;Kazak|Republic of Kazakhstan;Qazaqstan;Kazakstan|Kazakh SSR@1936-1991;Kazakh Soviet Socialist Republic@1936-1991|
KEN|Kenya|Nairobi|EAF|Kenyan;Kenyans|Republic of Kenya||
KGZ|Kyrgyzstan|Bishkek|CAS|Kyrgyz;Kyrgyzstani;Kyrgyzstanis;Kirghiz|Kyrgyz Republic;Kirghizia;Kirgizia|Kirghiz SSR@1936-1991;Kyrgyz SSR@1936-1991|
KHM|Cambodia|Phnom Penh|SEA|Cambodian;Cambodians;Khmer|Kingdom of Cambodia|Kampuchea@1975-1989;Democratic Kampuchea@1975-1979|
KIR|Kiribati|Tarawa|MIC|I-Kiribati|Republic of Kiribati||
KNA|Saint Kitts and Nevis|Basseterre|CAR|Kittitian;Kittitians;Nevisian;Nevisians|St. Kitts and Nevis;St Kitts and Nevis;Federation of Saint Kitts and Nevis||
KOR|South Korea|Seoul|EAS|South Korean;South Koreans;Korean;Koreans|Republic of Korea;Korea, Republic of;Korea||ROK
KWT|Kuwait|Kuwait City|WAS|Kuwaiti;Kuwaitis|State of Kuwait||
LAO|Laos|Vientiane|SEA|Lao;Laotian;Laotians|Lao People's Democratic Republic;Lao PDR||
LBN|Lebanon|Beirut|WAS|Lebanese|Lebanese Republic||
LBR|Liberia|Monrovia|WAF|Liberian;Liberians|Republic of Liberia||
LBY|Libya|Tripoli|NAF|Libyan;Libyans|State of Libya|Libyan Arab Jamahiriya@1977-2011;Great Socialist People's Libyan Arab Jamahiriya@1986-2011|
LCA|Saint Lucia|Castries|CAR|Saint Lucian;Saint Lucians;St. Lucian|St. Lucia;St Lucia||
LIE|Liechtenstein|Vaduz|WEU|Liechtensteiner;Liechtensteiners|Principality of Liechtenstein||
LKA|Sri Lanka|Sri Jayawardenepura Kotte|SAS|Sri Lankan;Sri Lankans|Democratic Socialist Republic of Sri Lanka|Ceylon@-1972|
LSO|Lesotho|Maseru|SAF|Basotho;Mosotho|Kingdom of Lesotho|Basutoland@-1966|
LTU|Lithuania|Vilnius|NEU|Lithuanian;Lithuanians|Republic of Lithuania|Lithuanian SSR@1940-1990|
LUX|Luxembourg|Luxembourg City|WEU|Luxembourgish;Luxembourger;Luxembourgers|Grand Duchy of Luxembourg||
LVA|Latvia|Riga|NEU|Latvian;Latvians|Republic of Latvia|Latvian SSR@1940-1990|
MAC|Macao||EAS|Macanese|Macau;Macao SAR;Macau SAR;Macao Special Administrative Region||
MAF|Saint Martin|Marigot|CAR||Saint-Martin;St. Martin;Collectivity of Saint Martin||
MAR|Morocco|Rabat|NAF|Moroccan;Moroccans|Kingdom of Morocco||
MCO|Monaco||WEU|Monégasque;Monégasques;Monacan|Principality of Monaco||
MDA|Moldova|Chișinău|EEU|Moldovan;Moldovans|Republic of Moldova|Moldavian SSR@1940-1991;Moldavia@-1991|
MDG|Madagascar|Antananarivo|EAF|Malagasy|Republic of Madagascar|Malagasy Republic@1958-1975|
MDV|Maldives|Malé|SAS|Maldivian;Maldivians|the Maldives;Republic of Maldives||
MEX|Mexico|Mexico City|CAM|Mexican;Mexicans|United Mexican States||
MHL|Marshall Islands|Majuro|MIC|Marshallese|Republic of the Marshall Islands||
MKD|North Macedonia|Skopje|SEU|Macedonian;Macedonians;North Macedonian;North Macedonians|Republic of North Macedonia|Macedonia@1991-2019;Republic of Macedonia@1991-2019;Former Yugoslav Republic of Macedonia@1993-2019;former Yugoslav Republic of Macedonia@1993-2019|FYROM
MLI|Mali|Bamako|WAF|Malian;Malians|Republic of Mali|French Sudan@1890-1960|
MLT|Malta|Valletta|SEU|Maltese|Republic of Malta||
MMR|Myanmar|Naypyidaw|SEA|Burmese|Republic of the Union of Myanmar|Burma@-1989;Union of Burma@1948-1974;Socialist Republic of the Union of Burma@1974-1988|
MNE|Montenegro|Podgorica|SEU|Montenegrin;Montenegrins|||
MNG|Mongolia|Ulaanbaatar|EAS|Mongolian;Mongolians||Mongolian People's Republic@1924-1992|
MNP|Northern Mariana Islands|Saipan|MIC||Northern Marianas;Commonwealth of the Northern Mariana Islands||
MOZ|Mozambique|Maputo|EAF|Mozambican;Mozambicans|Republic of Mozambique|Portuguese East Africa@-1975|
MRT|Mauritania|Nouakchott|WAF|Mauritanian;Mauritanians|Islamic Republic of Mauritania||
MSR|Montserrat||CAR|Montserratian;Montserratians|||
MTQ|Martinique|Fort-de-France|CAR|Martinican;Martinicans;Martiniquais|||
MUS|Mauritius|Port Louis|EAF|Mauritian;Mauritians|Republic of Mauritius||
MWI|Malawi|Lilongwe|EAF|Malawian;Malawians|Republic of Malawi|Nyasaland@1907-1964|
MYS|Malaysia|Kuala Lumpur|SEA|Malaysian;Malaysians||Federation of Malaya@1948-1963;Malaya@1948-1963|
MYT|Mayotte|Mamoudzou|EAF|Mahoran;Mahorans|||
NAM|Namibia|Windhoek|SAF|Namibian;Namibians|Republic of Namibia|South West Africa@1915-1990|
NCL|New Caledonia|Nouméa|MEL|New Caledonian;New Caledonians|||
NER|Niger|Niamey|WAF|Nigerien;Nigeriens|Republic of the Niger;Republic of Niger||
NFK|Norfolk Island||ANZ|Norfolk Islander;Norfolk Islanders|||
NGA|Nigeria|Abuja|WAF|Nigerian;Nigerians|Federal Republic of Nigeria||
NIC|Nicaragua|Managua|CAM|Nicaraguan;Nicaraguans|Republic of Nicaragua||
NIU|Niue|Alofi|POL|Niuean;Niueans|||
NLD|Netherlands|Amsterdam|WEU|Dutch;Dutchman;Dutchmen;Dutchwoman|the Netherlands;Kingdom of the Netherlands;Holland||
NOR|Norway|Oslo|NEU|Norwegian;Norwegians|Kingdom of Norway||
NPL|Nepal|Kathmandu|SAS|Nepali;Nepalis;Nepalese|Federal Democratic Republic of Nepal||
NRU|Nauru|Yaren|MIC|Nauruan;Nauruans|Republic of Nauru||
NZL|New Zealand|Wellington|ANZ|New Zealander;New Zealanders|Aotearoa||
OMN|Oman|Muscat|WAS|Omani;Omanis|Sultanate of Oman|Muscat and Oman@-1970|
PAK|Pakistan|Islamabad|SAS|Pakistani;Pakistanis|Islamic Republic of Pakistan||
PAN|Panama|Panama City|CAM|Panamanian;Panamanians|Republic of Panama||
PCN|Pitcairn Islands|Adamstown|POL|Pitcairn Islander;Pitcairn Islanders|Pitcairn||
PER|Peru|Lima|SAM|Peruvian;Peruvians|Republic of Peru||
PHL|Philippines|Manila|SEA|Filipino;Filipinos;Filipina;Filipinas;Philippine|the Philippines;Republic of the Philippines||
PLW|Palau|Ngerulmud|MIC|Palauan;Palauans|Republic of Palau||
PNG|Papua New Guinea|Port Moresby|MEL|Papua New Guinean;Papua New Guineans|Independent State of Papua New Guinea||PNG
POL|Poland|Warsaw|EEU|Polish;Pole;Poles|Republic of Poland|Polish People's Republic@1952-1989|
PRI|Puerto Rico|San Juan|CAR|Puerto Rican;Puerto Ricans|Commonwealth of Puerto Rico||
PRK|North Korea|Pyongyang|EAS|North Korean;North Koreans|Democratic People's Republic of Korea;Korea, Democratic People's Republic of||DPRK;D.P.R.K.
PRT|Portugal|Lisbon|SEU|Portuguese|Portuguese Republic||
PRY|Paraguay|Asunción|SAM|Paraguayan;Paraguayans|Republic of Paraguay||
PSE|Palestine||WAS|Palestinian;Palestinians|State of Palestine;Palestinian territories;Occupied Palestinian Territory;Palestine, State of||
PYF|French Polynesia|Papeete|POL|French Polynesian;French Polynesians|||
QAT|Qatar|Doha|WAS|Qatari;Qataris|State of Qatar||
REU|Réunion|Saint-Denis|EAF|Réunionese|La Réunion||
ROU|Romania|Bucharest|EEU|Romanian;Romanians|Roumania;Rumania|Socialist Republic of Romania@1965-1989|
RUS|Russia|Moscow|EEU|Russian;Russians|Russian Federation|Russian SFSR@1917-1991;Russian Soviet Federative Socialist Republic@1917-1991|RF
RWA|Rwanda|Kigali|EAF|Rwandan;Rwandans|Republic of Rwanda;Rwandese Republic||
SAU|Saudi Arabia|Riyadh|WAS|Saudi;Saudis;Saudi Arabian;Saudi Arabians|Kingdom of Saudi Arabia||KSA
SDN|Sudan|Khartoum|NAF|Sudanese|the Sudan;Republic of the Sudan;Republic of Sudan||
SEN|Senegal|Dakar|WAF|Senegalese|Republic of Senegal||
SGP|Singapore||SEA|Singaporean;Singaporeans|Republic of Singapore||
SGS|South Georgia and the South Sandwich Islands||SAM||South Georgia and South Sandwich Islands||
SHN|Saint Helena, Ascension and Tristan da Cunha|Jamestown|WAF|Saint Helenian;Saint Helenians|Saint Helena;St. Helena;St Helena||
SJM|Svalbard and Jan Mayen|Longyearbyen|NEU||Svalbard||
SLB|Solomon Islands|Honiara|MEL|Solomon Islander;Solomon Islanders|||
SLE|Sierra Leone|Freetown|WAF|Sierra Leonean;Sierra Leoneans|Republic of Sierra Leone||
SLV|El Salvador|San Salvador|CAM|Salvadoran;Salvadorans;Salvadorean;Salvadoreans|Republic of El Salvador||
SMR|San Marino|City of San Marino|SEU|Sammarinese|Republic of San Marino||
SOM|Somalia|Mogadishu|EAF|Somali;Somalis|Federal Republic of Somalia|Somali Democratic Republic@1969-1991|
SPM|Saint Pierre and Miquelon|Saint-Pierre|NAM||St. Pierre and Miquelon||
SRB|Serbia|Belgrade|SEU|Serbian;Serbians;Serb;Serbs|Republic of Serbia||
SSD|South Sudan|Juba|EAF|South Sudanese|Republic of South Sudan||
STP|São Tomé and Príncipe|São Tomé|MAF|Santomean;Santomeans|Democratic Republic of São Tomé and Príncipe||
SUR|Suriname|Paramaribo|SAM|Surinamese|Republic of Suriname;Surinam|Dutch Guiana@-1975|
SVK|Slovakia|Bratislava|EEU|Slovak;Slovaks;Slovakian;Slovakians|Slovak Republic||
SVN|Slovenia|Ljubljana|SEU|Slovenian;Slovenians;Slovene;Slovenes|Republic of Slovenia||
SWE|Sweden|Stockholm|NEU|Swedish;Swede;Swedes|Kingdom of Sweden||
SWZ|Eswatini|Mbabane|SAF|Swazi;Swazis;Liswati|Kingdom of Eswatini;eSwatini|Swaziland@1968-2018;Kingdom of Swaziland@1968-2018|
SXM|Sint Maarten|Philipsburg|CAR||Sint Maarten (Dutch part)||
SYC|Seychelles|Victoria|EAF|Seychellois|the Seychelles;Republic of Seychelles||
SYR|Syria|Damascus|WAS|Syrian;Syrians|Syrian Arab Republic||
TCA|Turks and Caicos Islands|Cockburn Town|CAR||Turks and Caicos||
TCD|Chad|N'Djamena|MAF|Chadian;Chadians|Republic of Chad||
TGO|Togo|Lomé|WAF|Togolese|Togolese Republic||
THA|Thailand|Bangkok|SEA|Thai|Kingdom of Thailand|Siam@-1939|
TJK|Tajikistan|Dushanbe|CAS|Tajik;Tajiks;Tajikistani|Republic of Tajikistan;Tadjikistan|Tajik SSR@1929-1991;Tajik Soviet Socialist Republic@1929-1991|
TKL|Tokelau||POL|Tokelauan;Tokelauans|||
TKM|Turkmenistan|Ashgabat|CAS|Turkmen;Turkmens;Turkmenistani|Turkmenia|Turkmen SSR@1924-1991;Turkmen Soviet Socialist Republic@1924-1991|
TLS|Timor-Leste|Dili|SEA|Timorese;East Timorese|East Timor;Democratic Republic of Timor-Leste||
TON|Tonga|Nukuʻalofa|POL|Tongan;Tongans|Kingdom of Tonga||
TTO|Trinidad and Tobago|Port of Spain|CAR|Trinidadian;Trinidadians;Tobagonian;Tobagonians|Republic of Trinidad and Tobago;Trinidad||
TUN|Tunisia|Tunis|NAF|Tunisian;Tunisians|Republic of Tunisia;Tunisian Republic||
TUR|Türkiye|Ankara|WAS|Turkish;Turk;Turks|Turkey;Turkiye;Republic of Türkiye;Republic of Turkey|Turkey@1923-2022;Republic of Turkey@1923-2022|
TUV|Tuvalu|Funafuti|POL|Tuvaluan;Tuvaluans||Ellice Islands@-1976|
TWN|Taiwan|Taipei|EAS|Taiwanese|Republic of China;Chinese Taipei;Taiwan, Province of China|Formosa@-1945|ROC
TZA|Tanzania|Dodoma|EAF|Tanzanian;Tanzanians|United Republic of Tanzania|Tanganyika@1961-1964|
UGA|Uganda|Kampala|EAF|Ugandan;Ugandans|Republic of Uganda||
UKR|Ukraine|Kyiv|EEU|Ukrainian;Ukrainians|the Ukraine|Ukrainian SSR@1919-1991;Ukrainian Soviet Socialist Republic@1919-1991|
UMI|United States Minor Outlying Islands||MIC||U.S. Minor Outlying Islands||
URY|Uruguay|Montevideo|SAM|Uruguayan;Uruguayans|Oriental Republic of Uruguay;Eastern Republic of Uruguay||
USA|United States|Washington|NAM|American;Americans|United States of America;the United States;the United States of America;America||US;U.S.;USA;U.S.A.
UZB|Uzbekistan|Tashkent|CAS|Uzbek;Uzbeks;Uzbekistani;Uzbekistanis|Republic of Uzbekistan|Uzbek SSR@1924-1991;Uzbek Soviet Socialist Republic@1924-1991|
VAT|Vatican City||SEU||Holy See;the Holy See;Vatican;Vatican City State;Holy See (Vatican City State)||
VCT|Saint Vincent and the Grenadines|Kingstown|CAR|Vincentian;Vincentians|St. Vincent and the Grenadines;St Vincent and the Grenadines||
VEN|Venezuela|Caracas|SAM|Venezuelan;Venezuelans|Bolivarian Republic of Venezuela||
VGB|British Virgin Islands|Road Town|CAR|British Virgin Islander;British Virgin Islanders|Virgin Islands, British||BVI
VIR|United States Virgin Islands|Charlotte Amalie|CAR|U.S. Virgin Islander|U.S. Virgin Islands;US Virgin Islands;Virgin Islands of the United States||USVI
VNM|Vietnam|Hanoi|SEA|Vietnamese|Viet Nam;Socialist Republic of Vietnam;Socialist Republic of Viet Nam||
VUT|Vanuatu|Port Vila|MEL|Ni-Vanuatu|Republic of Vanuatu|New Hebrides@1906-1980|
WLF|Wallis and Futuna|Mata-Utu|POL|Wallisian;Futunan|||
WSM|Samoa|Apia|POL|Samoan;Samoans|Independent State of Samoa|Western Samoa@1962-1997|
YEM|Yemen|Sanaa|WAS|Yemeni;Yemenis|Republic of Yemen||
ZAF|South Africa|Pretoria|SAF|South African;South Africans|Republic of South Africa|Union of South Africa@1910-1961|RSA
ZMB|Zambia|Lusaka|EAF|Zambian;Zambians|Republic of Zambia|Northern Rhodesia@1911-1964|
ZWE|Zimbabwe|Harare|EAF|Zimbabwean;Zimbabweans|Republic of Zimbabwe|Southern Rhodesia@1923-1980;Rhodesia@1964-1979|
"""

# Not in ISO 3166-1: Kosovo uses the user-assigned code XK / XKX, as the EU and IMF do.
EXTRA_COUNTRIES = r"""
XKX|Kosovo|Pristina|SEU|Kosovar;Kosovars;Kosovan;Kosovans|Republic of Kosovo||
"""

# Historical states: id|name|capital|region|demonyms|aliases|former|acronyms|from|to|successors
# ISO 3166-3 codes where one exists (SUN, YUG, CSK, DDR, SCG, YMD, VDR, ANT, SKM), registry ids otherwise.
HISTORICAL = r"""
SUN|Soviet Union|Moscow|EEU|Soviet;Soviets|Union of Soviet Socialist Republics;USSR, Union of Soviet Socialist Republics;the Soviet Union||USSR;U.S.S.R.|1922|1991|ARM;AZE;BLR;EST;GEO;KAZ;KGZ;LVA;LTU;MDA;RUS;TJK;TKM;UKR;UZB
YUG|Yugoslavia|Belgrade|SEU|Yugoslav;Yugoslavs;Yugoslavian;Yugoslavians|Socialist Federal Republic of Yugoslavia;Federal Republic of Yugoslavia;Federal People's Republic of Yugoslavia|Kingdom of Yugoslavia@1929-1941;Kingdom of Serbs, Croats and Slovenes@1918-1929|SFRY;SFRJ;FRY|1918|2003|BIH;HRV;MKD;SVN;SCG
CSK|Czechoslovakia|Prague|EEU|Czechoslovak;Czechoslovaks;Czechoslovakian|Czechoslovak Socialist Republic;Czech and Slovak Federative Republic;Czechoslovak Republic|||1918|1992|CZE;SVK
DDR|East Germany|East Berlin|EEU|East German;East Germans|German Democratic Republic||GDR;DDR|1949|1990|DEU
SCG|Serbia and Montenegro|Belgrade|SEU||State Union of Serbia and Montenegro|||2003|2006|SRB;MNE
YMD|South Yemen|Aden|WAS|South Yemeni;South Yemenis|People's Democratic Republic of Yemen;Democratic Yemen||PDRY|1967|1990|YEM
YAR|North Yemen|Sanaa|WAS|North Yemeni;North Yemenis|Yemen Arab Republic|||1962|1990|YEM
VDR|North Vietnam|Hanoi|SEA|North Vietnamese|Democratic Republic of Vietnam;Democratic Republic of Viet Nam||DRV|1945|1976|VNM
RVN|South Vietnam|Saigon|SEA|South Vietnamese|Republic of Vietnam;State of Vietnam|||1949|1975|VNM
ANT|Netherlands Antilles|Willemstad|CAR|Netherlands Antillean|Dutch Antilles|||1954|2010|CUW;SXM;BES
SKM|Sikkim|Gangtok|SAS|Sikkimese|Kingdom of Sikkim|||1642|1975|IND
UAR|United Arab Republic|Cairo|NAF||||UAR|1958|1961|EGY;SYR
OTTOMAN_EMPIRE|Ottoman Empire|Constantinople|WAS|Ottoman;Ottomans|Sublime Ottoman State;Sublime Porte;the Porte|||1299|1922|TUR
RUSSIAN_EMPIRE|Russian Empire|Saint Petersburg|EEU|Tsarist|Imperial Russia;Tsarist Russia|||1721|1917|RUS
AUSTRIA_HUNGARY|Austria-Hungary|Vienna|EEU|Austro-Hungarian|Austro-Hungarian Empire;Austro-Hungarian Monarchy;Dual Monarchy|||1867|1918|AUT;HUN;CZE;SVK
PERSIAN_EMPIRE|Qajar Iran|Tehran|SAS||Qajar Empire;Qajar Persia;Sublime State of Persia|||1789|1925|IRN
AZE_1918|Azerbaijan Democratic Republic|Baku|WAS||Azerbaijani Democratic Republic;Azerbaijan People's Republic;Azerbaijan Democratic Republic of 1918|||1918|1920|AZE
GEO_1918|Democratic Republic of Georgia|Tbilisi|WAS||Georgian Democratic Republic;Democratic Republic of Georgia of 1918|||1918|1921|GEO
ARM_1918|First Republic of Armenia|Yerevan|WAS||Republic of Armenia of 1918;Armenian Republic of 1918|||1918|1920|ARM
TSFSR|Transcaucasian SFSR|Tiflis|WAS||Transcaucasian Socialist Federative Soviet Republic;Transcaucasian Federation;Transcaucasian Democratic Federative Republic||ZSFSR|1918|1936|ARM;AZE;GEO
CAUCASIAN_ALBANIA|Caucasian Albania|Gabala|WAS|Caucasian Albanian;Caucasian Albanians||||-400|705|
"""

# Capitals that are common words or names elsewhere: kept as data, not matched in running text.
CAPITALS_NOT_MATCHED = {"Victoria", "Malé", "Jamestown"}

# Aliases and former names of capitals (name -> (aliases, former)).
CITY_NAMES: dict[str, tuple[list[str], list[str]]] = {
    "Kyiv": (["Kiev"], []),
    "Chișinău": (["Chisinau", "Chişinău"], ["Kishinev@-1990"]),
    "Astana": (["Akmola", "Aqmola"], ["Nur-Sultan@2019-2022", "Tselinograd@1961-1992", "Akmolinsk@-1961"]),
    "Ashgabat": (["Ashkhabad", "Ashgabad", "Aşgabat"], ["Poltoratsk@1919-1927"]),
    "Bishkek": ([], ["Frunze@1926-1991", "Pishpek@-1926"]),
    "Dushanbe": ([], ["Stalinabad@1929-1961"]),
    "Tashkent": (["Toshkent"], []),
    "Ulaanbaatar": (["Ulan Bator", "Ulaanbaatar City"], []),
    "Naypyidaw": (["Nay Pyi Taw", "Naypyitaw", "Nay Pyi Daw"], []),
    "Beijing": ([], ["Peking@-1958", "Peiping@1928-1949"]),
    "New Delhi": (["Delhi"], []),
    "Tbilisi": ([], ["Tiflis@-1936"]),
    "Reykjavík": ([], []),
    "Sanaa": (["Sana'a", "Sana"], []),
    "Washington": (["Washington, D.C.", "Washington D.C.", "Washington DC", "Washington, DC"], []),
    "Dhaka": ([], ["Dacca@-1982"]),
    "Pristina": (["Prishtina", "Priština", "Prishtinë"], []),
    "Podgorica": ([], ["Titograd@1946-1992"]),
    "Kinshasa": ([], ["Léopoldville@1881-1966"]),
    "Jakarta": ([], ["Batavia@-1942"]),
    "Maputo": ([], ["Lourenço Marques@-1976"]),
    "Nicosia": (["Lefkosia"], []),
    "Tehran": (["Teheran"], []),
    "Riyadh": (["Riyad"], []),
    "N'Djamena": (["Ndjamena"], ["Fort-Lamy@-1973"]),
    "Port of Spain": (["Port-of-Spain"], []),
    "Sri Jayawardenepura Kotte": (["Kotte"], []),
    "Luxembourg City": ([], []),
    "Kuwait City": ([], []),
    "Mexico City": (["Ciudad de México"], []),
    "Hagåtña": (["Agana"], []),
    "Nukuʻalofa": (["Nuku'alofa", "Nukualofa"], []),
    "Brussels": (["Bruxelles", "Brussel"], []),
    "Lisbon": (["Lisboa"], []),
    "Prague": (["Praha"], []),
    "Warsaw": (["Warszawa"], []),
    "Bucharest": (["București", "Bucuresti"], []),
    "Belgrade": (["Beograd"], []),
    "Vienna": (["Wien"], []),
    "Copenhagen": (["København"], []),
    "Athens": ([], []),
    "Ouagadougou": (["Ouaga"], []),
    "Yaoundé": ([], []),
    "Bern": (["Berne"], []),
    "Djibouti City": ([], []),
    "Guatemala City": ([], []),
    "Panama City": ([], []),
    "City of San Marino": ([], []),
    "Kralendijk": ([], []),
    "St. John's": (["Saint John's"], []),
    "St. George's": (["Saint George's"], []),
    "St. Peter Port": (["Saint Peter Port"], []),
    "St. Helier": (["Saint Helier"], []),
}

# Other major cities, ports and summit venues: name|country|aliases|former
OTHER_CITIES = r"""
Ganja|AZE|Gandja;Gəncə|Kirovabad@1935-1989;Elizavetpol@1804-1918
Sumgait|AZE|Sumqayit;Sumqayıt|
Shusha|AZE|Şuşa;Shushi|
Nakhchivan|AZE|Nakhichevan;Naxçıvan|
Lankaran|AZE|Lənkəran;Lenkoran|
Gabala|AZE|Qabala;Qəbələ|
Sheki|AZE|Shaki;Şəki|
Mingachevir|AZE|Mingachevir City;Mingəçevir|
Khankendi|AZE|Xankəndi|Stepanakert@1923-2023
Alat|AZE||
Aghdam|AZE|Ağdam;Agdam|
Fuzuli|AZE|Füzuli;Fizuli|
Lachin|AZE|Laçın|
Batumi|GEO|Batum|
Kutaisi|GEO||
Poti|GEO||
Anaklia|GEO||
Rustavi|GEO||
Gyumri|ARM||Leninakan@1924-1990;Alexandropol@1837-1924
Vanadzor|ARM||Kirovakan@1935-1993
Istanbul|TUR|İstanbul|Constantinople@-1930
Izmir|TUR|İzmir|Smyrna@-1930
Antalya|TUR||
Kars|TUR||
Ceyhan|TUR||
Erzurum|TUR||
Trabzon|TUR|Trebizond|
Mersin|TUR||
Bursa|TUR||
Gaziantep|TUR||
Samsun|TUR||
Saint Petersburg|RUS|St. Petersburg;St Petersburg;Sankt-Peterburg|Leningrad@1924-1991;Petrograd@1914-1924
Sochi|RUS||
Kazan|RUS||
Novorossiysk|RUS||
Astrakhan|RUS||
Makhachkala|RUS||
Derbent|RUS||
Yekaterinburg|RUS|Ekaterinburg|Sverdlovsk@1924-1991
Novosibirsk|RUS||
Vladivostok|RUS||
Kaliningrad|RUS||Königsberg@-1946
Volgograd|RUS||Stalingrad@1925-1961;Tsaritsyn@-1925
Nizhny Novgorod|RUS||Gorky@1932-1990
Almaty|KAZ||Alma-Ata@1921-1993;Verny@1855-1921
Aktau|KAZ|Aqtau|Shevchenko@1964-1991
Atyrau|KAZ||Guryev@1708-1991
Shymkent|KAZ|Chimkent|
Kuryk|KAZ|Quryk|
Turkmenbashi|TKM|Türkmenbaşy|Krasnovodsk@1869-1993
Awaza|TKM|Avaza|
Samarkand|UZB|Samarqand|
Bukhara|UZB|Buxoro|
Khiva|UZB|Xiva|
Termez|UZB|Termiz|
Osh|KGZ||
Cholpon-Ata|KGZ|Cholpon Ata|
Khujand|TJK||Leninabad@1936-1991
Mashhad|IRN|Meshhed|
Isfahan|IRN|Esfahan|
Tabriz|IRN||
Bandar Abbas|IRN||
Chabahar|IRN||
Shiraz|IRN||
Rasht|IRN||
Bushehr|IRN||
Odesa|UKR|Odessa|
Kharkiv|UKR|Kharkov|
Lviv|UKR|Lvov;Lwów|
Dnipro|UKR||Dnipropetrovsk@1926-2016
Mariupol|UKR||
Zaporizhzhia|UKR|Zaporozhye|
Sevastopol|UKR||
Yalta|UKR||
Shanghai|CHN||
Guangzhou|CHN||
Shenzhen|CHN||
Tianjin|CHN||
Chongqing|CHN||
Wuhan|CHN||
Xi'an|CHN|Xian|
Urumqi|CHN|Ürümqi|
Hangzhou|CHN||
Qingdao|CHN||
Xiamen|CHN||
Dalian|CHN||
Chengdu|CHN||
Khorgos|KAZ|Horgos;Khorgas|
Mumbai|IND||Bombay@-1995
Kolkata|IND||Calcutta@-2001
Chennai|IND||Madras@-1996
Bengaluru|IND|Bangalore|
Hyderabad|IND||
Ahmedabad|IND||
Karachi|PAK||
Lahore|PAK||
Gwadar|PAK||
Peshawar|PAK||
Rawalpindi|PAK||
Osaka|JPN||
Kyoto|JPN||
Yokohama|JPN||
Hiroshima|JPN||
Nagasaki|JPN||
Kobe|JPN||
Nagoya|JPN||
Busan|KOR|Pusan|
Incheon|KOR|Inchon|
Ho Chi Minh City|VNM||Saigon@-1976
Da Nang|VNM|Danang|
Surabaya|IDN||
Cebu|PHL|Cebu City|
Yangon|MMR||Rangoon@-1989
Mandalay|MMR||
Colombo|LKA||
Chittagong|BGD|Chattogram|
Dubai|ARE||
Sharjah|ARE||
Jeddah|SAU|Jiddah|
Mecca|SAU|Makkah|
Medina|SAU|Madinah|
Dammam|SAU||
Basra|IRQ|Basrah|
Erbil|IRQ|Arbil|
Mosul|IRQ||
Aleppo|SYR||
Tel Aviv|ISR|Tel Aviv-Yafo|
Haifa|ISR||
Ramallah|PSE||
Aqaba|JOR||
Sharm el-Sheikh|EGY|Sharm El Sheikh;Sharm al-Sheikh|
Alexandria|EGY||
Port Said|EGY||
Salalah|OMN||
Duqm|OMN||
Lagos|NGA||
Mombasa|KEN||
Dar es Salaam|TZA||
Zanzibar|TZA||
Durban|ZAF||
Cape Town|ZAF||
Johannesburg|ZAF||
Bujumbura|BDI||
Abidjan|CIV||
Douala|CMR||
Casablanca|MAR||
Tangier|MAR|Tanger|
Marrakesh|MAR|Marrakech|
Oran|DZA||
Benghazi|LBY||
Port Sudan|SDN||
Milan|ITA|Milano|
Naples|ITA||
Venice|ITA||
Genoa|ITA||
Trieste|ITA||
Turin|ITA||
Florence|ITA||
Barcelona|ESP||
Valencia|ESP||
Seville|ESP||
Bilbao|ESP||
Granada|ESP||
Porto|PRT||
Marseille|FRA|Marseilles|
Lyon|FRA||
Strasbourg|FRA||
Geneva|CHE|Genève|
Zurich|CHE|Zürich|
Davos|CHE||
Lausanne|CHE||
Munich|DEU|München|
Hamburg|DEU||
Frankfurt|DEU||
Cologne|DEU|Köln|
Bonn|DEU||
Düsseldorf|DEU||
Rotterdam|NLD||
The Hague|NLD|Den Haag|
Antwerp|BEL|Antwerpen|
Manchester|GBR||
Liverpool|GBR||
Edinburgh|GBR||
Glasgow|GBR||
Gdańsk|POL||Danzig@-1945
Kraków|POL|Cracow|
Katowice|POL||
Constanța|ROU||
Varna|BGR||
Burgas|BGR||
Thessaloniki|GRC|Salonica|
Piraeus|GRC||
Salzburg|AUT||
Gothenburg|SWE|Göteborg|
Klaipėda|LTU||
Dubrovnik|HRV||
Rijeka|HRV||
Novi Sad|SRB||
Ohrid|MKD||
Durrës|ALB||
New York|USA|New York City;NYC|
Los Angeles|USA||
Chicago|USA||
Houston|USA||
San Francisco|USA||
Boston|USA||
Miami|USA||
Atlanta|USA||
Seattle|USA||
Philadelphia|USA||
Dayton|USA||
Honolulu|USA||
New Orleans|USA||
Montreal|CAN|Montréal|
Toronto|CAN||
Vancouver|CAN||
São Paulo|BRA||
Rio de Janeiro|BRA||
Belém|BRA||
Cartagena|COL||
Medellín|COL||
Guadalajara|MEX||
Monterrey|MEX||
Cancún|MEX||
Valparaíso|CHL||
Guayaquil|ECU||
Margarita Island|VEN|Isla Margarita|
Sydney|AUS||
Melbourne|AUS||
Brisbane|AUS||
Auckland|NZL||
Hebron|PSE||
Bethlehem|PSE||
Tabuk|SAU||
Aden|YEM||
Hodeidah|YEM||
Kandahar|AFG||
Herat|AFG||
Mazar-i-Sharif|AFG||
Bratsk|RUS||
Rostov-on-Don|RUS||
Krasnodar|RUS||
Pyeongchang|KOR||
Sapporo|JPN||
Nice|FRA||
"""

# Cities whose names are common English words or very common names elsewhere: data only.
OTHER_NOT_MATCHED = {"Nice", "Alat", "Osh", "Kars", "Bratsk", "Medina", "Porto", "Varna", "Poti", "Aden"}


def split(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def parse_former(field: str) -> list[dict]:
    out = []
    for item in split(field):
        name, _, years = item.partition("@")
        start, _, end = years.partition("-") if not years.startswith("-") else ("", "-", years[1:])
        out.append({"name": name, "from": int(start) if start else None, "to": int(end) if end else None})
    return out


def country_entries() -> list[dict]:
    rows = [r for r in (COUNTRIES + EXTRA_COUNTRIES).strip().splitlines() if r.strip()]
    entries: list[dict] = []
    seen: set[str] = set()
    for row in rows:
        iso3, name, capital, region, demonyms, aliases, former, acronyms = row.split("|")
        seen.add(iso3)
        pc = pycountry.countries.get(alpha_3=iso3)
        alias_list = split(aliases)
        official = None
        if pc is not None:
            official = getattr(pc, "official_name", None)
            # The ISO short name is an alias unless it is the inverted "X, Republic of" form.
            for candidate in (pc.name, getattr(pc, "common_name", None), official):
                # ISO's inverted forms ("Iran, Islamic Republic of") are not written in prose.
                if candidate and ", " not in candidate and candidate != name and candidate not in alias_list:
                    alias_list.append(candidate)
        alias_list = [a for a in alias_list if a != name]
        entry = {
            "id": iso3,
            "name": name,
            "alpha2": pc.alpha_2 if pc else ("XK" if iso3 == "XKX" else None),
            "official": official,
            "aliases": alias_list,
            "acronyms": split(acronyms),
            "demonyms": split(demonyms),
            "former": parse_former(former),
            "capital": capital or None,
            "region": REGIONS[region],
        }
        entries.append({k: v for k, v in entry.items() if v not in (None, [])})
    missing = {c.alpha_3 for c in pycountry.countries} - seen
    if missing:
        sys.exit(f"countries table misses ISO 3166-1 entries: {sorted(missing)}")
    for row in HISTORICAL.strip().splitlines():
        (hid, name, capital, region, demonyms, aliases, former, acronyms,
         start, end, successors) = row.split("|")
        entry = {
            "id": hid, "name": name, "aliases": split(aliases), "acronyms": split(acronyms),
            "demonyms": split(demonyms), "former": parse_former(former),
            "capital": capital or None, "region": REGIONS[region],
            "historical": {"from": int(start), "to": int(end), "successors": split(successors)},
        }
        entries.append({k: v for k, v in entry.items() if v not in (None, [])})
    return entries


def city_entries(countries: list[dict]) -> list[dict]:
    cities: list[dict] = []
    for c in countries:
        if "historical" in c or not c.get("capital"):
            continue
        name = c["capital"]
        aliases, former = CITY_NAMES.get(name, ([], []))
        entry = {"id": name, "name": name, "country": c["id"], "capital": True,
                 "aliases": aliases, "former": parse_former(";".join(former))}
        if name in CAPITALS_NOT_MATCHED:
            entry["text_match"] = False
        cities.append({k: v for k, v in entry.items() if v != []})
    for row in OTHER_CITIES.strip().splitlines():
        name, country, aliases, former = row.split("|")
        entry = {"id": name, "name": name, "country": country, "capital": False,
                 "aliases": split(aliases), "former": parse_former(former)}
        if name in OTHER_NOT_MATCHED:
            entry["text_match"] = False
        cities.append({k: v for k, v in entry.items() if v != []})
    ids = [c["id"] for c in cities]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        sys.exit(f"duplicate city ids: {sorted(dupes)}")
    return cities


HEADER = """# {what}
# Generated by scripts/build_countries.py (pycountry ISO 3166 base plus hand-written names);
# edit the script and re-run it rather than editing this file. Schema: README.md in this folder.
"""


def dump(path: Path, what: str, entries: list[dict]) -> None:
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=None)
    path.write_text(HEADER.format(what=what) + text, encoding="utf-8")


def main() -> None:
    countries = country_entries()
    dump(DATA / "countries.yaml", "Countries: every ISO 3166-1 entry, Kosovo, and historical states.",
         countries)
    cities = city_entries(countries)
    dump(DATA / "cities.yaml", "Cities: capitals, major cities, ports and summit venues.", cities)
    print(f"{len(countries)} countries, {len(cities)} cities "
          f"({sum(1 for c in cities if not c['capital'])} not capitals)")


if __name__ == "__main__":
    main()
