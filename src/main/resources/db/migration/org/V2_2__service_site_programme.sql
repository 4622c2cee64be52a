-- Service sites carry the station's name (e.g. 新居民温馨驿站), the capacity the model counts (beds of a
-- basement, stalls of a market, employers in a building) and when they closed; the office-building model
-- is called BUILDING, as the sites programme names the four models.
alter table service_site add column station_name text;
alter table service_site add column capacity int check (capacity >= 0);
alter table service_site add column closed_on date;
alter table service_site drop constraint service_site_model_check;
update service_site set model = 'BUILDING' where model = 'OFFICE_BUILDING';
alter table service_site add constraint service_site_model_check
    check (model in ('COMMUNITY', 'BUILDING', 'MARKET', 'BASEMENT'));
