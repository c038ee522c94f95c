"""Name vocabulary for romanising Arabic-script personal names (``romanise.py``).

Frequent name parts with the spelling English-language news most often gives them (Levantine and
Gulf usage as it appears in SANA, Reuters and AP copy), and the letter mapping used for parts not
listed. Only names the gazetteer does not know are romanised: a known actor keeps the name in
``data/actors``.
"""

from __future__ import annotations

# Arabic given names and name parts (written without diacritics, hamza as usually printed) → spelling
_AR_ARABIC_NAMES = {
    "محمد": "Mohammed", "أحمد": "Ahmed", "احمد": "Ahmed", "محمود": "Mahmoud", "مصطفى": "Mustafa",
    "علي": "Ali", "عمر": "Omar", "عثمان": "Othman", "حسن": "Hassan", "حسين": "Hussein", "حسان": "Hassan",
    "إبراهيم": "Ibrahim", "ابراهيم": "Ibrahim", "إسماعيل": "Ismail", "اسماعيل": "Ismail", "يوسف": "Youssef",
    "خالد": "Khaled", "وليد": "Walid", "فيصل": "Faisal", "بشار": "Bashar", "حافظ": "Hafez", "ماهر": "Maher",
    "بسام": "Bassam", "فايز": "Fayez", "رياض": "Riad", "عماد": "Imad", "عمار": "Ammar", "سمير": "Samir",
    "نبيل": "Nabil", "عادل": "Adel", "جميل": "Jamil", "فارس": "Fares", "غسان": "Ghassan", "مازن": "Mazen",
    "نزار": "Nizar", "رامي": "Rami", "طارق": "Tarek", "زياد": "Ziad", "هشام": "Hisham", "حمزة": "Hamza",
    "مروان": "Marwan", "أنس": "Anas", "انس": "Anas", "أسعد": "Asaad", "اسعد": "Asaad", "هادي": "Hadi",
    "ناصر": "Nasser", "سالم": "Salem", "صالح": "Saleh", "سامي": "Sami", "سليمان": "Suleiman", "طلال": "Talal",
    "وائل": "Wael", "ياسر": "Yasser", "لؤي": "Louay", "بثينة": "Bouthaina", "فاطمة": "Fatima", "لونا": "Luna",
    "منذر": "Munzer", "رفعت": "Rifaat", "عصام": "Issam", "أيمن": "Ayman", "ايمن": "Ayman", "هيثم": "Haitham",
    "مأمون": "Mamoun", "معاذ": "Muadh", "مرهف": "Murhaf", "قتيبة": "Qutaiba", "عمران": "Omran", "سعيد": "Saeed",
    "سعد": "Saad", "منير": "Mounir", "كمال": "Kamal", "جمال": "Jamal", "نجيب": "Najib", "رشيد": "Rashid",
    "حميد": "Hamid", "مجيد": "Majid", "شادي": "Shadi", "فادي": "Fadi", "باسل": "Basel", "زكي": "Zaki",
    "توفيق": "Tawfiq", "صبحي": "Subhi", "فؤاد": "Fouad", "رضا": "Rida", "نضال": "Nidal", "جهاد": "Jihad",
    "عبدالله": "Abdullah", "عبد الله": "Abdullah", "عبد": "Abdul", "أبو": "Abu", "ابو": "Abu", "بن": "bin",
    "حيدر": "Haidar", "داود": "Dawood", "سلمان": "Salman", "عيسى": "Issa", "موسى": "Moussa", "يحيى": "Yahya",
    "زين": "Zein", "نور": "Nour", "رزان": "Razan", "ريم": "Reem", "دينا": "Dina", "هالة": "Hala",
}
# Russian and Western given names as Arabic news writes them
_AR_FOREIGN_NAMES = {
    "سيرغي": "Sergei", "سيرجي": "Sergei", "ديمتري": "Dmitry", "دميتري": "Dmitry", "ألكسندر": "Alexander",
    "الكسندر": "Alexander", "فلاديمير": "Vladimir", "ميخائيل": "Mikhail", "ماريا": "Maria", "أندريه": "Andrei",
    "اندريه": "Andrei", "نيكولاي": "Nikolai", "إيغور": "Igor", "ايغور": "Igor", "يوري": "Yuri",
    "أليكسي": "Alexei", "اليكسي": "Alexei", "فاسيلي": "Vasily", "يفغيني": "Yevgeny", "غينادي": "Gennady",
    "فيكتور": "Viktor", "بافل": "Pavel", "أناتولي": "Anatoly", "رومان": "Roman", "إيفان": "Ivan",
}
# frequent Levantine family names, mostly ones the letter mapping cannot spell (a doubled consonant has no
# letter of its own, a short vowel none at all): the spelling English-language news gives them
_AR_FAMILY_NAMES = {
    "زعبي": "Zoubi", "حداد": "Haddad", "شعبان": "Shaaban", "عرنوس": "Arnous", "مقداد": "Mekdad",
    "معلم": "Moallem", "جعفري": "Jaafari", "حلقي": "Halqi", "صباغ": "Sabbagh", "عطار": "Attar",
    "حمصي": "Homsi", "حلبي": "Halabi", "مصري": "Masri", "شامي": "Shami", "كردي": "Kurdi", "حريري": "Hariri",
    "أتاسي": "Atassi", "اتاسي": "Atassi", "جبر": "Jabr", "علوش": "Alloush", "يازجي": "Yazigi",
    "قباني": "Qabbani", "نحاس": "Nahhas", "حجار": "Hajjar", "دباغ": "Dabbagh", "خوري": "Khoury",
    "خليل": "Khalil", "جمعة": "Jumaa", "خميس": "Khamis", "جلالي": "Jalali", "عبيد": "Obeid",
    "شرع": "Sharaa", "خطيب": "Khatib", "صالح": "Saleh", "مصطفى": "Mustafa", "سيد": "Sayed",
}
AR_NAME_PARTS = {**_AR_ARABIC_NAMES, **_AR_FOREIGN_NAMES, **_AR_FAMILY_NAMES}
# a name that has one of the Russian and Western given names is read as a foreign name
AR_FOREIGN_GIVEN = frozenset(_AR_FOREIGN_NAMES)
# honorifics and ranks between a title and a name ("رئيس مجلس الوزراء الدكتور وائل الحلقي"): not part of the name
AR_HONORIFICS = frozenset("الدكتور الدكتورة د. السيد السيدة الشيخ المهندس المهندسة الأستاذ العماد اللواء العميد "
                          "الفريق العقيد المحامي الحاج".split())
# "عبد الرحمن" → "Abdul Rahman": the part after "عبد" keeps its own spelling
AR_COMPOUND_HEADS = ("عبد", "أبو", "ابو", "بن")
# Russian (and Slavic) surname endings as Arabic news writes them: the letters spell every vowel
AR_FOREIGN_ENDINGS = ("وف", "يف", "وفا", "يفا", "سكي", "ينكو", "يتش", "فيتش", "ين", "ينا", "غو", "جو")
AR_FOREIGN_FINALS = {"وف": "ov", "يف": "ev", "وفا": "ova", "يفا": "eva", "سكي": "sky", "يتش": "ich"}

# letters → Latin, for parts not listed (consonants; vowel letters are placed by ``romanise``)
AR_LETTERS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "گ": "g", "پ": "p", "ڤ": "v", "چ": "ch",
}
AR_VOWEL_LETTERS = "اأإآوؤيئىةعء"
# a foreign name written in Arabic: ف stands for v, غ and (Egyptian usage) ج for g ("لافروف" Lavrov,
# "إيغور" Igor, "شويجو" Shoigu)
AR_FOREIGN_LETTERS = {"ف": "v", "غ": "g", "ج": "g"}

# An Arab name written in Cyrillic carries an Arabic article ("аль-Джолани", "аш-Шараа", "эль-Асад"): English
# news spells it from the Arabic, not letter for letter from the Russian (Джолани → Jolani, Мохаммад → Mohammad)
RU_ARABIC_ARTICLE = r"(?:аль|аш|ас|ад|ар|ат|аз|ан|эль|эш|эс|эд)-"
RU_ARABIC_LETTERS = (("дж", "j"), ("Дж", "J"), ("х", "h"), ("Х", "H"), ("ей", "ei"))
# frequent Arab name parts whose English spelling the letters above do not give (Russian о/у for the same
# vowel, х for خ): the spelling English news uses
RU_ARAB_NAME_PARTS = {
    "Мостафа": "Mustafa", "Мустафа": "Mustafa", "Мухаммед": "Mohammed", "Мохаммед": "Mohammed",
    "Мохамед": "Mohamed", "Махмуд": "Mahmoud", "Халед": "Khaled", "Халид": "Khalid", "Хусейн": "Hussein",
    "Юсеф": "Youssef", "Юсуф": "Yusuf", "Ибрагим": "Ibrahim", "Абдалла": "Abdullah", "Абдулла": "Abdullah",
    "Фейсал": "Faisal", "Файсал": "Faisal", "Осман": "Othman", "Омар": "Omar", "Муаллем": "Muallem",
}
