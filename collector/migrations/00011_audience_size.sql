-- An ESP campaign goes to a list whose size only the sender knows; rates are shown only where it is known.
alter table messages add column audience_size integer;
