//! Russian rules: abbreviations (`т.е.`, `т.к.`, `им.`, `ул.`, `д.`, `см.`, `напр.`, `г-н`, `проф.`),
//! `г.`/`гг.` (a year before it: may end a sentence, unless the sentence opened with the date
//! (`В 2010-2012 гг. Виктор …`) or a comma sets the year off (`…, 1898 г.`); otherwise `г. Москва`,
//! never), the author's words inside guillemets (`«…? – спросила мама. – …»`), initials
//! (`И. Алиев`, `В.В. Путин`), numbered abbreviations (`ст. 5`, `№ 3`, `с. 10`), list numbers, then the
//! common tail. Abbreviations that often end a sentence (`т.д.`, `т.п.`, `др.`, `млн.`, `млрд.`,
//! `тыс.`, `руб.`, `н.э.`) are left to the common tail: no break before a lowercase word (or a dash and
//! a lowercase word, as in `«Да!» – сказал он`), a break before a capitalised one.

use super::Rule;
use super::en::{CLOSE, WORD_START, spaced_language_rules};

/// Abbreviations that never end a sentence in news.
pub const ALWAYS: &[&str] = &[
    r"т\.\s?е",
    r"т\.\s?к",
    r"т\.\s?н",
    r"т\.\s?ч",
    r"т\.\s?о",
    "см",
    "ср",
    "напр",
    "им",
    "ул",
    "пр",
    "просп",
    "пгт",
    "пл",
    "пер",
    "наб",
    "д",
    "кв",
    "корп",
    "стр",
    "тел",
    "г-н",
    "г-жа",
    "гос",
    "проф",
    "акад",
    "ген",
    "доц",
    "засл",
    "нар",
    "св",
    "о",
    "оз",
    "р",
    "пос",
    "дер",
    "обл",
    "респ",
    "Проф",
    "Акад",
    "Ген",
    "Им",
    "Св",
    "Ул",
    "См",
    "Ср",
    "англ",
    "лат",
    "нем",
    "франц",
    "фр",
    "итал",
    "исп",
    "кит",
    "араб",
    "греч",
    "укр",
    "азерб",
];

/// Abbreviations that end a sentence only before a sentence-starting word: initials, initialisms,
/// months.
pub const UNLESS_STARTER: &[&str] = &[
    r"\p{Lu}",
    r"(?:\p{Lu}\.)+\p{Lu}",
    "янв",
    "февр",
    "авг",
    "сент",
    "окт",
    "нояб",
    "дек",
];

/// Abbreviations that are not sentence-final before a number.
pub const BEFORE_NUMBER: &[&str] = &[
    "№", "ст", "Ст", "Кв", "кв", "п", "пп", "ч", "гл", "рис", "табл", "с", "т", "вып", "No",
];

/// Words that start a sentence after an initial or initialism.
pub const STARTERS: &[&str] = &[
    "В",
    "Во",
    "На",
    "По",
    "С",
    "Со",
    "К",
    "О",
    "Об",
    "У",
    "Из",
    "За",
    "Для",
    "При",
    "Он",
    "Она",
    "Оно",
    "Они",
    "Это",
    "Этот",
    "Эта",
    "Эти",
    "Мы",
    "Я",
    "Вы",
    "Но",
    "И",
    "А",
    "Как",
    "Так",
    "Также",
    "Однако",
    "Кроме",
    "После",
    "До",
    "Если",
    "Когда",
    "Сегодня",
    "Тем",
    "Все",
    "Его",
    "Ее",
    "Её",
    "Их",
    "Там",
    "Здесь",
    "Что",
    "Кто",
    "Почему",
];

/// The Russian rules, in order.
pub fn rules() -> Vec<Rule> {
    let mut rules = vec![
        // `В 2010-2012 гг. Виктор посещал …`: a sentence that opens with its date goes on after it.
        Rule::no_break(
            r"(?:^|[.!?…][»”)]*\s+)\p{Lu}\p{Ll}*\s+(?:\p{L}+\s+)?\d[\d\s\-–]*\s*гг?\.",
            "",
        ),
        // `Дом, где родился Л.Н.Толстой, 1898 г. В 1854 году …`: a year set off by a comma dates a
        // caption or a dateline, and the text it dates follows.
        Rule::no_break(r",\s*\d{4}\s*гг?\.", ""),
        // `«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».`: inside guillemets, the
        // author's words between dashes do not end the quotation.
        Rule::no_break(r"«[^«»]*[.!?…]", r"\s+[–—]\s"),
        // `в 2024 г. В …`: after a year, `г.`/`гг.` ends the sentence before a capitalised word.
        Rule::breaking(
            r"\d\s*(?:гг?|см|мм|км|кг|м|т|ч|мин|сек|млн|млрд|тыс|руб|долл)\.",
            r#"\s+["'“‘«„(–—-]?\s*\p{Lu}"#,
        ),
        // `г. Москва`, `2024 г. в`: otherwise not.
        Rule::no_break(format!(r"{WORD_START}гг?\.{CLOSE}"), r"\s"),
    ];
    rules.extend(spaced_language_rules(
        ALWAYS,
        UNLESS_STARTER,
        BEFORE_NUMBER,
        STARTERS,
    ));
    // English names and titles inside Russian text (`Dr. PawPaw`).
    rules.push(super::en::titles_rule());
    rules.extend(super::default::common_tail_rules());
    rules
}
