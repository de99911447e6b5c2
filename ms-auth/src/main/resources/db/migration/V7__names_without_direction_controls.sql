-- Registration refuses names with text-direction controls (Unicode's Bidi_Control, PersonNameValidator): one such
-- character makes a name show in another order in the page and in e-mails. Names stored before lose them; a name of
-- nothing else becomes 'Framesmith user'.
UPDATE users
SET name = COALESCE(NULLIF(btrim(regexp_replace(name, '[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]', '', 'g')), ''),
                    'Framesmith user')
WHERE name ~ '[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]';
