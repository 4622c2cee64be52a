-- How much of the uploaded file a running import has read (0 to 1), for the page's progress bar; null while it is
-- not known (a job not started, a sheet that does not say how many rows it has). 1 once every row is read.
alter table import_job add column fraction real;
