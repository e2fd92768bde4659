-- The translatable note takes the place (and the name) of the single-language one.
alter table group_memberships drop column note;
alter table group_memberships rename column note_text to note;
