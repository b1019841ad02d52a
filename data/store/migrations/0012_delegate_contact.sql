-- A delegate's consent to share contact details, and the details: a
-- kiosk shows the email, the telephone and a contact QR code only for a
-- delegate with share_contact set. Delegates installed before this
-- migration consented to nothing: the default is no, and empty details.
ALTER TABLE delegates ADD COLUMN share_contact INTEGER NOT NULL DEFAULT 0;
ALTER TABLE delegates ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE delegates ADD COLUMN phone TEXT NOT NULL DEFAULT '';
