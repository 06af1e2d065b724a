-- wrk script: POST the JSON body in $BODY_FILE with the API key in $API_KEY.
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("API_KEY")

-- With $DELAY_MS set, each connection waits that long after an answer before its next request: with C
-- connections the rate is about C / (latency + delay), which bench/run uses to hold a fixed, lower rate.
local pause = tonumber(os.getenv("DELAY_MS") or "")
if pause then
  function delay()
    return pause
  end
end

-- bench/run runs wrk from the project folder.
dofile("bench/http/result.lua")
