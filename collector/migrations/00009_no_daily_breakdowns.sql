-- Breakdowns (links, clients, exclusions) by day were kept for the live report (00006); it reads the hour arrays
-- since 00008 and no report reads them any more, so the writer stops keeping them and they go.
delete from rollups where grain = 'day' and metric in ('link', 'ulink', 'client', 'excluded');
