-- wrk script: POST a Zapier intake (a new prospect each request, so every one is scored, decided and recorded) with
-- the API key in $API_KEY. Each thread numbers its own prospects; $RUN keeps runs apart.
local run = os.getenv("RUN") or "0"
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
end

local titles = { "VP Marketing", "Marketing Manager", "Software Engineer", "Head of Growth", "Intern" }
local activities = { "webinar_attended", "demo_request", "whitepaper_download", "newsletter_signup", "pricing_page_visit" }

function request()
  counter = counter + 1
  local k = counter % 5 + 1
  local body = string.format('{"email":"p%d.%d.%s@acme%d.com","last_name":"P","title":"%s","company":"Acme","employees":%d,'
    .. '"country":"US","activity":"%s"}', thread_id, counter, run, counter % 50, titles[k], 20 + (counter % 7) * 150, activities[k])
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-API-Key"] = os.getenv("API_KEY") }, body)
end

-- bench/run runs wrk from the project folder.
dofile("bench/http/result.lua")
