-- One database per agency system, family-index's link store and the gateway's audit trail, on one
-- PostgreSQL server.
-- (In production each agency's database is its own, elsewhere; this is for running locally.)
-- The databases between the registry markers are written from the service registry
-- (shared/src/services.ts) by `npm run registry:generate`.
-- registry:databases:start
CREATE DATABASE family_index;
CREATE DATABASE maternity;
CREATE DATABASE health_visiting;
CREATE DATABASE childrens_centres;
CREATE DATABASE registration;
CREATE DATABASE childrens_social_care;
-- registry:databases:end
CREATE DATABASE audit;
