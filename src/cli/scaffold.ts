/**
 * The text `council-press new partnership <slug>` writes: every front-matter field with a short Russian
 * comment saying what goes where. Required fields are left empty, so `check` points at each one until it
 * is filled; optional fields are commented out examples. The first line links the JSON Schema, so VS
 * Code's YAML extension completes field names and underlines mistakes.
 */
export interface ScaffoldOptions {
  /** Path from the new file's folder to partnership.schema.json, `/` separators. */
  schemaPath: string;
  /** The next free position in the deck. */
  order: number;
}

export function partnershipScaffold({ schemaPath, order }: ScaffoldOptions): string {
  return `---
# yaml-language-server: $schema=${schemaPath}
# Новое побратимство. Впишите значения после двоеточий, без кавычек (city: Дубна).
# Строки, начинающиеся с #, — подсказки; их можно оставить или удалить.

# Город Подмосковья, например: Дубна
city:
# Город-побратим в США, например: Ла-Кросс
partnerCity:
# Штат США, например: Висконсин
state:
# Год начала побратимства, цифрами, например: 1992
since:
# Место в презентации среди побратимств: 1, 2, 3… (у каждого файла своё)
order: ${order}

# Необязательные поля. Чтобы заполнить поле, уберите «# » в начале его строк.
# Какой документ подписан, словами:
# document: Соглашение о побратимских связях
# Программы сотрудничества, каждая с новой строки после «- »:
# programmes:
#   - «Открытый мир»
# Фотографии: файл (PNG или JPEG) положите в папку content/assets/;
# src — путь к файлу, alt — что изображено (обязательно), caption — подпись, credit — автор снимка:
# images:
#   - src: assets/photo.jpg
#     alt: Делегация у здания администрации
#     caption: Визит делегации
#     credit: Пресс-служба администрации
# Числа по годам для графика на слайде (только настоящие данные):
# timeline:
#   label: Делегации
#   points:
#     - year: 2019
#       value: 2
#     - year: 2020
#       value: 3
# Макет слайда; обычно не нужен, выбирается сам (partnership, statement, list, section):
# layout: partnership

# Под закрывающей строкой --- напишите текст о побратимстве: абзацы через пустую строку,
# **жирный**, *курсив*, списки через «- ». Заметки для выступающего (только в презентации) —
# в конце, под заголовком «## Заметки».
---
`;
}
